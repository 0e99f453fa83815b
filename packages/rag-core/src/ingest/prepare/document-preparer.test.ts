import { afterAll, describe, expect, it } from '@jest/globals';
import { makeDocxBomb } from '../../testing/make-docx-bomb.js';
import { createDocumentPreparer } from './document-preparer.js';

// The worker runs the built code in dist/ (`npm test` builds first).
const preparer = createDocumentPreparer({
  timeBudgetMs: 1_000,
  timePerMegabyteMs: 0,
  memoryBudgetMb: 256,
});
afterAll(() => preparer.close());

// 9 MB of text: over a second of splitting on any machine (under 3 s on a quiet Xeon).
const large = 'Employees book travel through the portal and file expenses within 30 days.\n'.repeat(
  120_000,
);

const text = (content: string, format: 'markdown' | 'text' | 'html' = 'markdown') => ({
  content,
  format,
  name: '/docs/leave_policy.md',
});

describe('DocumentPreparer', () => {
  it('parses and chunks a document, titled by its name when it names none', async () => {
    const outcome = await preparer.prepare(text('Everyone gets 28 vacation days a year.'));
    expect(outcome).toMatchObject({ ok: true, document: { title: 'leave policy' } });
    if (outcome.ok) expect(outcome.document.chunks[0]?.text).toContain('28 vacation days');
  });

  it('reports a document that takes longer than the time budget, then goes on', async () => {
    const started = performance.now();
    expect(await preparer.prepare(text(large, 'text'))).toEqual({
      ok: false,
      code: 'parse_failed',
      message: 'parsing took more than 1 s of CPU time, the limit for its size',
    });
    // CPU seconds: on a busy machine the wall time is longer.
    expect(performance.now() - started).toBeLessThan(60_000);
    expect((await preparer.prepare(text('# Next\n\nStill parsed.'))).ok).toBe(true);
  });

  it('reports a document that needs more memory than the budget', async () => {
    // Time enough to reach the memory budget on a busy machine.
    const patient = createDocumentPreparer({ timeBudgetMs: 120_000, memoryBudgetMb: 256 });
    const outcome = await patient
      .prepare({
        content: await makeDocxBomb(30 * 1024 * 1024),
        format: 'docx',
        name: 'dense.docx',
      })
      .finally(() => patient.close());
    expect(outcome).toEqual({
      ok: false,
      code: 'parse_failed',
      message: 'parsing needed more than 256 MB of memory, the limit per document',
    });
  });

  it('refuses a decompression bomb before parsing it', async () => {
    const bomb = await makeDocxBomb(200 * 1024 * 1024);
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    expect(await preparer.prepare({ content: bomb, format: 'docx', name: 'bomb.docx' })).toEqual({
      ok: false,
      code: 'file_too_large',
      message: 'its content inflates to over 64 MB, the limit for compressed documents',
    });
  });

  it('fails a bomb that lies about its sizes without inflating it', async () => {
    const bomb = await makeDocxBomb(200 * 1024 * 1024, { lie: true });
    const outcome = await preparer.prepare({ content: bomb, format: 'docx', name: 'liar.docx' });
    expect(outcome).toMatchObject({ ok: false, code: 'parse_failed' });
  });

  it('refuses text over the extracted-length limit', async () => {
    const small = createDocumentPreparer({ limits: { maxTextCharacters: 1000 } });
    try {
      expect(await small.prepare(text('word '.repeat(500)))).toEqual({
        ok: false,
        code: 'file_too_large',
        message: 'its text is 2,500 characters, over the 1,000 limit',
      });
    } finally {
      await small.close();
    }
  });

  it('stops at once on abort, even while the parser keeps its thread busy', async () => {
    const controller = new AbortController();
    const pending = preparer.prepare(text(large, 'text'), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stopped')), 300);
    const started = performance.now();
    await expect(pending).rejects.toThrow('stopped');
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
