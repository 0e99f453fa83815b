import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeOpenAIServer } from '@knowhow/rag-core/testing';
import { goodFiles, makeHandbook } from './support/make-handbook.js';
import { runKnowhow } from './support/run-knowhow.js';

interface JsonHit {
  source: string;
  vector_rank: number | null;
  keyword_rank: number | null;
}

describe('embeddings through an OpenAI-compatible server', () => {
  let server: FakeOpenAIServer;
  let workspace: string;
  let handbook: string;
  const env = (extra: Record<string, string> = {}) => ({
    KNOWHOW_DATA_DIR: join(workspace, 'data'),
    KNOWHOW_EMBEDDINGS: 'openai',
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: server.baseURL,
    ...extra,
  });
  const knowhow = (args: string[], extra?: Record<string, string>) =>
    runKnowhow(args, { cwd: workspace, env: env(extra) });

  beforeAll(async () => {
    server = await FakeOpenAIServer.start({ apiKey: 'test-key' });
    workspace = await mkdtemp(join(tmpdir(), 'knowhow-openai-'));
    handbook = await makeHandbook();
  });
  afterAll(() => server.stop());

  it('embeds every passage while ingesting, in batches, with the key and model configured', async () => {
    const result = await knowhow(['ingest', handbook]);
    expect(result.code).toBe(0);
    const [, written, embedded] =
      /(\d+) passages written, (\d+) embedded/.exec(result.stdout) ?? [];
    expect(Number(embedded)).toBe(Number(written));
    const requests = server.requestsTo('/v1/embeddings');
    expect(requests.length).toBeGreaterThan(1);
    expect(requests[0]?.headers.authorization).toBe('Bearer test-key');
    expect(requests[0]?.body).toMatchObject({ model: 'text-embedding-3-small' });
  });

  it('searches with vectors and keywords fused', async () => {
    // The fake server's vectors are bags of words: "children" is not near "child" as a real
    // model's would be, and the relevance floor drops a passage covering too little of the
    // question by either list, so the question uses the passage's own words.
    const result = await knowhow(['search', 'orthodontics per child', '--json']);
    const hits = JSON.parse(result.stdout) as JsonHit[];
    expect(hits[0]).toMatchObject({
      source: 'benefits/dental-plan.pdf',
      vector_rank: expect.any(Number),
      keyword_rank: expect.any(Number),
    });
  });

  it('builds vectors of a new model beside the old ones, without touching documents', async () => {
    const result = await knowhow(['ingest', handbook], {
      KNOWHOW_EMBEDDING_MODEL: 'other-model',
      KNOWHOW_EMBEDDING_DIMENSIONS: '32',
    });
    expect(result.stdout).toContain(`unchanged ${goodFiles.length}`);
    expect(result.stdout).toMatch(/0 passages written, [1-9]\d* embedded/);
    // Back on the first model: its vectors are still there, only the probe and the query are embedded.
    const before = server.requestsTo('/v1/embeddings').length;
    const hits = JSON.parse(
      (await knowhow(['search', 'orthodontics', '--json'])).stdout,
    ) as JsonHit[];
    expect(hits[0]?.vector_rank).toBe(1);
    expect(server.requestsTo('/v1/embeddings').length - before).toBe(2);
  });

  it('searches by keywords, saying why, with a model that has no vectors yet; and never writes', async () => {
    const result = await knowhow(['search', 'orthodontics', '--json'], {
      KNOWHOW_EMBEDDING_MODEL: 'brand-new-model',
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'Note: the knowledge base has no vectors of openai:brand-new-model yet, so Knowhow searches by keywords only.',
    );
    expect(result.stderr).toContain('run `knowhow ingest` with the same settings once');
    expect((JSON.parse(result.stdout) as JsonHit[])[0]).toMatchObject({ vector_rank: null });
    // Searching did not register the model: asking again says the same.
    const again = await knowhow(['search', 'orthodontics', '--json'], {
      KNOWHOW_EMBEDDING_MODEL: 'brand-new-model',
    });
    expect(again.stderr).toContain('has no vectors of openai:brand-new-model yet');
  });

  it('keeps documents keyword-searchable when embedding fails, and fills vectors in on the next run', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'knowhow-openai-'));
    const freshEnv = { KNOWHOW_DATA_DIR: join(fresh, 'data') };
    server.rejectInputsContaining('Orthodontics');
    const failed = await knowhow(['ingest', handbook], freshEnv);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`added ${goodFiles.length}`);
    expect(failed.stdout).toMatch(
      /! vectors missing: embedding with openai:text-embedding-3-small failed: .*input rejected/,
    );
    server.clearRejections();
    const repaired = await knowhow(['ingest', handbook], freshEnv);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toMatch(/0 passages written, [1-9]\d* embedded/);
  }, 180_000); // two ingests: over a minute on a loaded machine

  it('continues keyword-only, saying so once with the fix, when the server refuses the key', async () => {
    const result = await knowhow(['search', 'orthodontics', '--json'], {
      OPENAI_API_KEY: 'wrong-key',
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'Note: embedding model openai:text-embedding-3-small could not be loaded: 401',
    );
    expect(result.stderr).toContain(
      'check OPENAI_API_KEY, OPENAI_BASE_URL and KNOWHOW_EMBEDDING_MODEL',
    );
    expect(result.stderr.match(/Note:/g)).toHaveLength(1);
    const hits = JSON.parse(result.stdout) as JsonHit[];
    expect(hits[0]).toMatchObject({ source: 'benefits/dental-plan.pdf', vector_rank: null });
  });
});
