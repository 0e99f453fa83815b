import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { KnowhowError } from '@knowhow/rag-core';
import { loadEnvironment } from './env.js';

const empty = async () => mkdtemp(join(tmpdir(), 'knowhow-env-'));

describe('loadEnvironment', () => {
  it('has safe defaults: embedded database, local embeddings, error logs', async () => {
    expect(loadEnvironment({}, await empty())).toEqual({
      KNOWHOW_DATA_DIR: '.knowhow',
      dataDirectoryOrigin: 'new',
      KNOWHOW_EMBEDDINGS: 'local',
      KNOWHOW_LLM: 'none',
      KNOWHOW_LLM_TIMEOUT_MS: 60_000,
      KNOWHOW_RERANKER: 'none',
      KNOWHOW_RERANK_CANDIDATES: 30,
      KNOWHOW_RERANK_TIMEOUT_MS: 3000,
      KNOWHOW_QUERY_REWRITE: 'none',
      KNOWHOW_MAX_FILE_MB: 50,
      KNOWHOW_PARSE_TIMEOUT_S: 10,
      KNOWHOW_PARSE_MEMORY_MB: 512,
    });
  });

  it('answers with a language model when an OpenAI key or base URL is configured', async () => {
    expect(loadEnvironment({ OPENAI_API_KEY: 'sk-test' }, await empty()).KNOWHOW_LLM).toBe(
      'openai',
    );
    expect(
      loadEnvironment({ OPENAI_BASE_URL: 'http://localhost:11434/v1' }, await empty()).KNOWHOW_LLM,
    ).toBe('openai');
    expect(
      loadEnvironment({ OPENAI_API_KEY: 'sk-test', KNOWHOW_LLM: 'none' }, await empty())
        .KNOWHOW_LLM,
    ).toBe('none');
  });

  it('reads the query rewrite mode and refuses an unknown one', async () => {
    const directory = await empty();
    expect(
      loadEnvironment({ KNOWHOW_QUERY_REWRITE: 'hyde' }, directory).KNOWHOW_QUERY_REWRITE,
    ).toBe('hyde');
    expect(() => loadEnvironment({ KNOWHOW_QUERY_REWRITE: 'fusion' }, directory)).toThrow(
      /KNOWHOW_QUERY_REWRITE/,
    );
  });

  it('lets the environment win over .env, and treats empty values as unset', async () => {
    const directory = await empty();
    await writeFile(
      join(directory, '.env'),
      'KNOWHOW_EMBEDDINGS=none\nKNOWHOW_MAX_FILE_MB=5\nLOG_LEVEL=info\n',
    );
    const env = loadEnvironment({ KNOWHOW_MAX_FILE_MB: '7', LOG_LEVEL: '' }, directory);
    expect(env).toMatchObject({
      KNOWHOW_EMBEDDINGS: 'none',
      KNOWHOW_MAX_FILE_MB: 7,
    });
    expect(env.LOG_LEVEL).toBeUndefined();
  });

  it('requires a key or a base URL for OpenAI embeddings', async () => {
    const directory = await empty();
    expect(() => loadEnvironment({ KNOWHOW_EMBEDDINGS: 'openai' }, directory)).toThrow(
      'OPENAI_API_KEY: is required when KNOWHOW_EMBEDDINGS=openai',
    );
    expect(
      loadEnvironment(
        { KNOWHOW_EMBEDDINGS: 'openai', OPENAI_BASE_URL: 'http://localhost:11434/v1' },
        directory,
      ).OPENAI_BASE_URL,
    ).toBe('http://localhost:11434/v1');
  });

  it('lists every invalid variable in one error', async () => {
    const error = (() => {
      try {
        loadEnvironment(
          { DATABASE_URL: 'mysql://x', KNOWHOW_EMBEDDINGS: 'magic', OPENAI_BASE_URL: 'not a url' },
          '/nonexistent',
        );
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(KnowhowError);
    expect(error).toMatchObject({ code: 'invalid_configuration' });
    const message = (error as Error).message;
    for (const name of ['DATABASE_URL', 'KNOWHOW_EMBEDDINGS', 'OPENAI_BASE_URL'])
      expect(message).toContain(`  ${name}: `);
  });

  it('finds the knowledge base in the nearest folder above that has one, with its .env', async () => {
    const project = await empty();
    const subfolder = join(project, 'docs', 'hr');
    await mkdir(join(project, '.knowhow'), { recursive: true });
    await mkdir(subfolder, { recursive: true });
    await writeFile(join(project, '.env'), 'KNOWHOW_MAX_FILE_MB=5\nLOG_LEVEL=info\n');
    await writeFile(join(subfolder, '.env'), 'LOG_LEVEL=debug\n');
    expect(loadEnvironment({}, subfolder)).toMatchObject({
      KNOWHOW_DATA_DIR: join(project, '.knowhow'),
      dataDirectoryOrigin: 'found',
      KNOWHOW_MAX_FILE_MB: 5,
      LOG_LEVEL: 'debug',
    });
    expect(loadEnvironment({ KNOWHOW_DATA_DIR: 'elsewhere' }, subfolder)).toMatchObject({
      KNOWHOW_DATA_DIR: 'elsewhere',
      dataDirectoryOrigin: 'configured',
    });
  });

  it('returns a frozen object', async () => {
    expect(Object.isFrozen(loadEnvironment({}, await empty()))).toBe(true);
  });
});

describe('loadEnvironment, chat platforms', () => {
  it('reads the Slack variables only for the commands that run the bots', async () => {
    const directory = await empty();
    const broken = { SLACK_BOT_TOKEN: 'not-a-token' };
    expect(loadEnvironment(broken, directory).slack).toBeUndefined();
    expect(() => loadEnvironment(broken, directory, { bots: true })).toThrow(
      'SLACK_BOT_TOKEN: must be a bot token, starting with xoxb-',
    );
    const configured = loadEnvironment(
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' },
      directory,
      { bots: true },
    );
    expect(configured.slack?.connection).toEqual({ mode: 'http', signingSecret: 'secret' });
    expect(loadEnvironment({}, directory, { bots: true }).slack).toBeUndefined();
  });
});
