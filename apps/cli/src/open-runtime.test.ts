import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ingestFiles } from '@knowhow/rag-core';
import { FakeOpenAIServer, groundedResponder } from '@knowhow/rag-core/testing';
import { pino } from 'pino';
import { loadEnvironment } from './env.js';
import { openRuntime, type Runtime } from './open-runtime.js';

const handbook = fileURLToPath(new URL('../../../examples/handbook', import.meta.url));

describe('openRuntime: the language model budget', () => {
  const budgetMs = 10_000;
  let openai: FakeOpenAIServer;
  let runtime: Runtime;

  beforeAll(async () => {
    openai = await FakeOpenAIServer.start();
    const directory = await mkdtemp(join(tmpdir(), 'knowhow-runtime-'));
    const env = loadEnvironment(
      {
        KNOWHOW_DATA_DIR: join(directory, 'data'),
        KNOWHOW_EMBEDDINGS: 'none',
        OPENAI_BASE_URL: openai.baseURL,
        OPENAI_API_KEY: 'sk-test',
        KNOWHOW_LLM_TIMEOUT_MS: String(budgetMs),
      },
      directory,
    );
    runtime = await openRuntime(env, pino({ level: 'silent' }), 'search');
    await ingestFiles({ store: runtime.store }, { paths: [handbook], collection: 'handbook' });
    // A process's first answer warms search and client up (seconds on a loaded machine) inside
    // the same budget: done here, so the test times the model alone.
    await runtime.ask({ question: 'How many vacation days do new employees get?' });
  }, 180_000);
  afterAll(async () => {
    await runtime.close();
    await openai.stop();
  });

  it('gives the first attempt the whole budget, not half of it', async () => {
    // The first byte comes 6 s after the request, in a 10 s budget: an attempt given half the
    // budget (5 s) could never wait for it. The 4 s to spare are for the search before it.
    openai.respondWith((request) => ({ ...groundedResponder(request), delayMs: 0.6 * budgetMs }));
    const answer = await runtime.ask({ question: 'How many vacation days do new employees get?' });
    expect({ status: answer.status, reason: answer.reason }).toEqual({
      status: 'answered',
      reason: undefined,
    });
  }, 60_000);
});
