import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { realModel, realModelEnvironment } from '@knowhow/rag-core/testing';
import { goodFiles, makeHandbook } from './support/make-handbook.js';
import { runKnowhow } from './support/run-knowhow.js';

interface JsonHit {
  source: string;
  heading: string | null;
  vector_rank: number | null;
  keyword_rank: number | null;
}

const describeWithModel = realModel.skipReason ? describe.skip : describe;

describeWithModel(
  `knowhow ingest and search with real vectors (${realModel.skipReason ? `skipped: ${realModel.skipReason}` : realModel.model})`,
  () => {
    let workspace: string;
    let ingest: Awaited<ReturnType<typeof runKnowhow>>;
    const knowhow = (...args: string[]) =>
      runKnowhow(args, {
        cwd: workspace,
        env: { ...realModelEnvironment(), KNOWHOW_DATA_DIR: join(workspace, 'data') },
      });

    beforeAll(async () => {
      workspace = await mkdtemp(join(tmpdir(), 'knowhow-vectors-'));
      ingest = await knowhow('ingest', await makeHandbook(), '--collection', 'handbook');
    }, 180_000);

    it('embeds every passage it writes, offline, without a note', async () => {
      expect(ingest).toMatchObject({ code: 0, stderr: '' });
      expect(ingest.stdout).toContain(`added ${goodFiles.length} `);
      const [, written, embedded] =
        /(\d+) passages written, (\d+) embedded/.exec(ingest.stdout) ?? [];
      expect(Number(written)).toBeGreaterThan(0);
      expect(embedded).toBe(written);
    });

    it('finds a passage by meaning when the question shares none of its words', async () => {
      const result = await knowhow('search', 'time off for new mothers and fathers', '--json');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const [hit] = JSON.parse(result.stdout) as JsonHit[];
      expect(hit).toMatchObject({
        source: 'leave.md',
        heading: 'Leave policy > Parental leave',
        vector_rank: 1,
        keyword_rank: null,
      });
    });

    it('ranks a passage found both ways first', async () => {
      const result = await knowhow('search', 'orthodontics for children', '--json');
      const [hit] = JSON.parse(result.stdout) as JsonHit[];
      expect(hit).toMatchObject({ source: 'benefits/dental-plan.pdf', keyword_rank: 1 });
      expect(hit?.vector_rank).not.toBeNull();
    });
  },
);
