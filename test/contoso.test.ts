import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { contosoDirectory } from '@knowhow/rag-core/testing';
import { runKnowhow } from './support/run-knowhow.js';

const contoso = contosoDirectory;
const available = existsSync(contoso);

(available ? describe : describe.skip)(
  `the contoso benefits corpus (keyword-only)${available ? '' : ` (skipped: no ${contoso})`}`,
  () => {
    let workspace: string;
    const knowhow = (...args: string[]) =>
      runKnowhow(args, { cwd: workspace, env: { KNOWHOW_DATA_DIR: join(workspace, 'data') } });

    beforeAll(async () => {
      workspace = await mkdtemp(join(tmpdir(), 'knowhow-contoso-'));
      const result = await knowhow('ingest', join(contoso, 'docs'), '--collection', 'contoso');
      expect(result.code).toBe(0);
      // A fresh embedded database and 263 PDF pages take minutes on a busy 2-core machine.
    }, 300_000);

    it.each([
      [
        'What protection does Contoso offer against balance billing?',
        'Northwind_Standard_Benefits_Details.pdf',
        7,
      ],
      [
        'What is the deductible for in-network services in Northwind Health Plus?',
        'Northwind_Health_Plus_Benefits_Details.pdf',
        13,
      ],
      ['How does PerksPlus reimburse fitness expenses?', 'PerksPlus.pdf', null],
    ])('finds the passage answering %p in the top 5', async (question, source, page) => {
      const result = await knowhow('search', question, '--k', '5', '--json');
      const hits = JSON.parse(result.stdout) as {
        source: string;
        page_start: number;
        page_end: number;
      }[];
      const found = hits.some(
        (hit) =>
          hit.source === source &&
          (page === null || (hit.page_start - 1 <= page && page <= hit.page_end + 1)),
      );
      expect(found).toBe(true);
    });

    it('scores page-level hit@5 of at least 0.7 on the 50 ground-truth questions', async () => {
      const result = await knowhow('eval', join(contoso, 'ground_truth.jsonl'), '--json');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as {
        questions: number;
        mode: string;
        page: { 'hit@5': number };
      };
      expect(report).toMatchObject({ questions: 50, mode: 'keyword' });
      expect(report.page['hit@5']).toBeGreaterThanOrEqual(0.7);
    });

    it('prints the quality table and, with --verbose, the misses', async () => {
      const result = await knowhow(
        'eval',
        join(contoso, 'ground_truth.jsonl'),
        '--k',
        '1,5',
        '--verbose',
      );
      expect(result.stdout).toMatch(/level\s+questions\s+hit@1\s+hit@5\s+MRR@5/);
      expect(result.stdout).toMatch(/page \(±1\)\s+50/);
      expect(result.stdout).toMatch(
        /Misses \(no expected passage in the top 5\): \d+\n- line \d+: /,
      );
    });
  },
);
