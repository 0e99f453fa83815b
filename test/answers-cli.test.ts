import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeOpenAIServer } from '@knowhow/rag-core/testing';
import { existsSync } from 'node:fs';
import { freePort } from './support/free-port.js';
import { runKnowhow, runKnowhowUntil } from './support/run-knowhow.js';

const repository = fileURLToPath(new URL('..', import.meta.url));
const handbook = join(repository, 'examples', 'handbook');

/** `npm start` as a user runs it in the repository, with questions piped in. */
function npmStart(
  env: Record<string, string>,
  input: string,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start', '--silent'], {
      cwd: repository,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stdin.end(input);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout }));
  });
}

describe('npm start on a fresh clone, with no credentials', () => {
  it('adds the sample handbook to the empty knowledge base and answers piped questions with excerpts and sources', async () => {
    const data = await mkdtemp(join(tmpdir(), 'knowhow-start-'));
    const env = { KNOWHOW_DATA_DIR: data, KNOWHOW_EMBEDDINGS: 'none' };
    const questions = [
      'How many vacation days do new employees get?',
      'And parental leave?',
      'What is the capital of France?',
      '',
    ].join('\n');
    const first = await npmStart(env, questions);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      'The knowledge base is empty, so it starts with the sample handbook',
    );
    expect(first.stdout).toContain('Added 7 documents');
    expect(first.stdout).toContain(
      '> How many vacation days do new employees get?\nNo language model is configured, so here are the most relevant excerpts',
    );
    expect(first.stdout).toContain(
      'New employees get 25 vacation days in their first calendar year',
    );
    expect(first.stdout).toContain('Sources:\n  [1] Time off (time-off.md, Time off > Vacation)');
    expect(first.stdout).toMatch(
      /> And parental leave\?[\s\S]*16 weeks of fully paid parental leave[\s\S]*Time off > Parental leave/,
    );
    expect(first.stdout).toContain(
      '> What is the capital of France?\nI found nothing about "What is the capital of France?" in the knowledge base (searched all collections).',
    );
    const second = await npmStart(env, 'Where is the Leeds office?\n');
    expect(second.stdout).not.toContain('starts with the sample handbook');
    expect(second.stdout).toContain('14 Park Row');
  }, 180_000);
});

describe('knowhow chat', () => {
  it('ends cleanly on Ctrl-C, closing and unlocking the embedded database', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'knowhow-chat-'));
    const data = join(workspace, 'data');
    // chat reads an existing knowledge base; migrate creates an empty one.
    expect(
      (await runKnowhow(['migrate'], { cwd: workspace, env: { KNOWHOW_DATA_DIR: data } })).code,
    ).toBe(0);
    const result = await runKnowhowUntil(['chat'], {
      cwd: workspace,
      env: { KNOWHOW_DATA_DIR: data, LOG_LEVEL: 'info' },
      keepStdinOpen: true,
      when: (stderr) => stderr.includes('"msg":"chat.started"'),
      signal: 'SIGINT',
    });
    expect(result.code).toBe(0);
    expect(existsSync(join(data, 'knowhow.lock'))).toBe(false);
  }, 180_000);
});

describe('answers from an OpenAI-compatible model', () => {
  let server: FakeOpenAIServer;
  let workspace: string;
  const env = (extra: Record<string, string> = {}) => ({
    KNOWHOW_DATA_DIR: join(workspace, 'data'),
    OPENAI_BASE_URL: server.baseURL,
    OPENAI_API_KEY: 'test-key',
    KNOWHOW_EMBEDDINGS: 'none',
    ...extra,
  });
  const knowhow = (args: string[], extra?: Record<string, string>, input?: string) =>
    runKnowhow(args, {
      cwd: workspace,
      env: env(extra),
      ...(input === undefined ? {} : { input }),
    });

  beforeAll(async () => {
    server = await FakeOpenAIServer.start({ apiKey: 'test-key' });
    workspace = await mkdtemp(join(tmpdir(), 'knowhow-answers-'));
    expect((await knowhow(['ingest', handbook])).code).toBe(0);
  }, 180_000);
  afterAll(() => server.stop());

  it('knowhow ask --json gives the status, the answer and the sources it cites', async () => {
    const result = await knowhow(['ask', 'How many vacation days do new employees get?', '--json']);
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout) as {
      status: string;
      answer: string;
      citations: unknown[];
    };
    expect(answer.status).toBe('answered');
    expect(answer.answer).toMatch(/New employees get 25 vacation days.*\[1\]$/);
    expect(answer.citations).toEqual([
      {
        n: 1,
        title: 'Time off',
        source: 'time-off.md',
        page_start: null,
        page_end: null,
        heading: 'Time off > Vacation',
        url: null,
      },
    ]);
    const request = server.requestsTo('/v1/chat/completions').at(-1);
    expect(request?.body).toMatchObject({ model: 'gpt-4o-mini', stream: true });
    expect(request?.headers.authorization).toBe('Bearer test-key');
  });

  it('names the model host that cannot be reached (never the key) and still quotes the sources', async () => {
    const closed = await freePort();
    const unreachable = {
      OPENAI_BASE_URL: `http://127.0.0.1:${closed}/v1`,
      OPENAI_API_KEY: 'sk-very-secret',
    };
    const question = 'How many vacation days do new employees get?';
    const result = await knowhow(['ask', question], unreachable);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `^The language model at 127\\.0\\.0\\.1:${closed} can't be reached or is failing \\(reason: llm_unavailable\\), so here are the most relevant excerpts from the knowledge base:\n> .*25 vacation days.*\\[1\\]`,
      ),
    );
    expect(result.stdout).toContain('Sources:\n  [1] Time off (time-off.md, Time off > Vacation)');
    const json = JSON.parse((await knowhow(['ask', question, '--json'], unreachable)).stdout) as {
      status: string;
      reason: string;
      citations: unknown[];
    };
    expect(json).toMatchObject({ status: 'excerpts', reason: 'llm_unavailable' });
    expect(json.citations.length).toBeGreaterThan(0);
    expect(result.stdout + result.stderr).not.toContain('sk-very-secret');
  }, 180_000);

  it('knowhow ask streams the answer, then lists its sources with page numbers', async () => {
    const result = await knowhow(
      ['ask', 'Up to what amount does the plan cover orthodontics for children?'],
      { KNOWHOW_CHAT_MODEL: 'llama3.1' },
    );
    expect(result.stdout).toMatch(
      /orthodontics for children are covered up to 1,500 EUR per child\. \[1\]\n\nSources:\n {2}\[1\] Benefits at Fernhill Labs \(benefits\.pdf, pp\. 1–2\)/,
    );
    expect(server.requestsTo('/v1/chat/completions').at(-1)?.body).toMatchObject({
      model: 'llama3.1',
    });
  });

  it('says plainly when the sources do not cover the question', async () => {
    const result = await knowhow([
      'ask',
      'What is the capital of France?',
      '--collection',
      'default',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'I found nothing about "What is the capital of France?" in the knowledge base (searched collection default).',
    );
  });

  it('says what failed, with the reason code, when the model refuses the key', async () => {
    const result = await knowhow(['ask', 'How many vacation days?'], {
      OPENAI_API_KEY: 'wrong-key',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "The language model refused Knowhow's credentials; an administrator needs to check the API key. (reason: llm_unauthorized)",
    );
  });

  it('knowhow chat understands follow-ups through the model', async () => {
    const before = server.requestsTo('/v1/chat/completions').length;
    const result = await knowhow(
      ['chat'],
      {},
      'How many vacation days do new employees get?\nAnd how long is parental leave?\n',
    );
    expect(result.code).toBe(0);
    const requests = server.requestsTo('/v1/chat/completions').slice(before);
    const condense = requests.find((request) =>
      JSON.stringify(request.body).includes('standalone search query'),
    );
    expect(JSON.stringify(condense?.body)).toContain(
      'User: How many vacation days do new employees get?',
    );
    expect(result.stdout).toMatch(
      /> And how long is parental leave\?\n.*16 weeks of fully paid parental leave/,
    );
  });

  it('knowhow chat stops the answer being written on Ctrl-C, and answers nothing more', async () => {
    server.respondWith(() => ({
      content: `${'Slowly streamed words. '.repeat(40)}[1]`,
      pieceDelayMs: 100,
    }));
    const result = await runKnowhowUntil(['chat'], {
      cwd: workspace,
      env: env(),
      input: 'How many vacation days do new employees get?\nWhat is the home office budget?\n',
      keepStdinOpen: true,
      when: (_stderr, stdout) => stdout.includes('Slowly streamed'),
      signal: 'SIGINT',
    });
    server.reset();
    expect(result.code).toBe(0);
    // Measured from Ctrl-C, not from the start: loading the model and database is not the stop.
    expect(result.stoppedAfterMs).toBeLessThan(6_000);
    // Cut short: the model streams the phrase 40 times, a word each 100 ms (12 s).
    expect(result.stdout.split('Slowly streamed words.').length - 1).toBeLessThan(40);
    expect(result.stdout).toContain('Stopped before the answer was complete. (reason: cancelled)');
    expect(result.stdout).not.toContain('> What is the home office budget?');
  }, 180_000);

  it('knowhow eval adds answer metrics when a model is configured', async () => {
    const file = join(workspace, 'questions.jsonl');
    await writeFile(
      file,
      [
        {
          question: 'How many vacation days do new employees get?',
          sources: [{ source: 'time-off.md' }],
        },
        { question: 'What is the home office budget?', sources: [{ source: 'remote-work.md' }] },
        { question: 'What is the capital of France?', sources: [{ source: 'nowhere.md' }] },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const result = await knowhow(['eval', file, '--json']);
    const report = JSON.parse(result.stdout) as { answers: Record<string, number> };
    expect(report.answers).toMatchObject({
      questions: 3,
      answered: 2 / 3,
      refused: 1 / 3,
      cited_expected: 2 / 3,
    });
  });
});
