import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOpenAIServer } from '@knowhow/rag-core/testing';
import {
  FakeSlackServer,
  fakeBot,
  httpBody,
  mentionEvent,
  postSigned,
} from '@knowhow/slack-bot/testing';
import { testBackends } from '@knowhow/store-pgvector/testing';
import type { Backend } from '../bench-store.js';
import {
  type RunningKnowhow,
  runKnowhowProcess,
  startKnowhowProcess,
} from '../run-knowhow-process.js';

const secret = 'bench-signing-secret';
const questions = [
  'How many vacation days do new employees get?',
  'How long is parental leave?',
  'What is the home office budget?',
  'How do I book a flight for a business trip?',
  'Which password manager do we use?',
];
const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

/**
 * RSS once start-up's transient memory is given back: two samples 1 s apart within 1%, from
 * 3 s after the bot says it answers (it collects its start-up garbage 1 s after starting).
 */
async function settled(bot: RunningKnowhow) {
  await new Promise((resolve) => setTimeout(resolve, 3000));
  let last = await bot.memoryMb();
  for (let second = 0; second < 30; second += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = await bot.memoryMb();
    if (Math.abs(now.rssMb - last.rssMb) <= last.rssMb * 0.01) return now;
    last = now;
  }
  return last;
}

/**
 * `knowhow slack` as its own process over the sample handbook, Slack and the model faked on
 * localhost: resident memory once start-up has settled (idle) and 2 s after answering `questions`
 * mentions (four at a time), on PGlite or a Postgres server, keyword-only or with the local
 * model embedding each question.
 */
export async function botMemoryBenchmark(options: {
  backend: Backend;
  handbook: string;
  modelDirectory: string;
  withModel: boolean;
  questions: number;
  /** More variables for the bot, e.g. allocator settings to compare. */
  extraEnv?: Record<string, string>;
}) {
  const workspace = await mkdtemp(join(tmpdir(), 'knowhow-bot-memory-'));
  const server = testBackends().find((candidate) => candidate.name === 'Postgres');
  const database =
    options.backend === 'postgres' && server ? await server.createDatabase() : undefined;
  if (options.backend === 'postgres' && !database) throw new Error('TEST_DATABASE_URL is not set');
  const slack = await FakeSlackServer.start();
  const model = await FakeOpenAIServer.start();
  model.respondWith(() => ({ content: 'New employees get 25 vacation days [1].' }));
  const env: Record<string, string> = {
    ...(database?.options.url
      ? { DATABASE_URL: database.options.url }
      : { KNOWHOW_DATA_DIR: join(workspace, 'data') }),
    ...(options.withModel
      ? {
          KNOWHOW_EMBEDDINGS: 'local',
          KNOWHOW_MODEL_DIR: options.modelDirectory,
          KNOWHOW_EMBEDDING_MODEL: 'Xenova/all-MiniLM-L6-v2',
        }
      : { KNOWHOW_EMBEDDINGS: 'none' }),
  };
  try {
    const ingest = await runKnowhowProcess(['ingest', options.handbook], { cwd: workspace, env });
    if (ingest.code !== 0)
      throw new Error(`ingest exited with ${ingest.code}: ${ingest.stderr}${ingest.stdout}`);
    const port = await freePort();
    const bot = startKnowhowProcess(['slack'], {
      cwd: workspace,
      env: {
        ...env,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.apiUrl,
        SLACK_STREAMING: 'false',
        SLACK_RATE_LIMIT_PER_MINUTE: '100000',
        OPENAI_BASE_URL: model.baseURL,
        OPENAI_API_KEY: 'bench',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        ...options.extraEnv,
      },
    });
    try {
      await bot.waitForOutput('Knowhow is answering in Slack');
      const idle = await settled(bot);
      let sequence = 0;
      const mention = async () => {
        sequence += 1;
        const channel = `C0BENCH${sequence % 7}`;
        const text = `<@${fakeBot.userId}> ${questions[sequence % questions.length]}`;
        const asked = slack.postAsUser({ channel, user: `U0USER${sequence % 50}`, text });
        const body = httpBody.event(mentionEvent({ channel, user: 'U0USER', text, ts: asked.ts }));
        await postSigned(`http://127.0.0.1:${port}/slack/events`, body, secret);
        await slack.waitFor(
          () =>
            slack.channels
              .thread(channel, asked.ts)
              .find((message) => message.botId !== undefined && message.blocks),
          60_000,
        );
      };
      const lanes = Array.from({ length: 4 }, async () => {
        while (sequence < options.questions) await mention();
      });
      await Promise.all(lanes);
      await settle();
      const after = await bot.memoryMb();
      return {
        backend: options.backend,
        withModel: options.withModel,
        questions: sequence,
        idleMb: idle.rssMb,
        afterMb: after.rssMb,
        ratio: after.rssMb / idle.rssMb,
        peakMb: after.peakMb,
      };
    } finally {
      await bot.stop();
    }
  } finally {
    await model.stop();
    await slack.stop();
    await database?.drop();
    await rm(workspace, { recursive: true, force: true });
  }
}

/** A port nothing listens on now (the bot is given a fixed PORT). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}
