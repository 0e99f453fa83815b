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
        KNOWHOW_LLM_TIMEOUT_MS: '3000',
      },
      directory,
    );
    runtime = await openRuntime(env, pino({ level: 'silent' }), 'search');
    await ingestFiles({ store: runtime.store }, { paths: [handbook], collection: 'handbook' });
  }, 180_000);
  afterAll(async () => {
    await runtime.close();
    await openai.stop();
  });

  it('gives the first attempt the whole budget, not half of it', async () => {
    // First byte after 2 s of a 3 s budget: half a budget per attempt could never wait for it.
    openai.respondWith((request) => ({ ...groundedResponder(request), delayMs: 2000 }));
    const answer = await runtime.ask({ question: 'How many vacation days do new employees get?' });
    expect(answer.status).toBe('answered');
  }, 60_000);
});
