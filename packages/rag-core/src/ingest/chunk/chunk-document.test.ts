import { describe, expect, it } from '@jest/globals';
import { makePdf } from '../../testing/make-pdf.js';
import { loadDocument } from '../load/load-document.js';
import { chunkDocument, chunkingSignature } from './chunk-document.js';
import { countTokens } from './count-tokens.js';

const sentence = (n: number) =>
  `Sentence number ${n} explains one more detail of the leave policy.`;
const paragraphs = (count: number, from = 0) =>
  Array.from({ length: count }, (_, index) => sentence(from + index)).join('\n\n');

describe('chunkDocument', () => {
  it('keeps every passage within the token bound', async () => {
    const chunks = await chunkDocument(
      { title: null, content: { kind: 'text', text: paragraphs(200) } },
      { chunkTokens: 100, overlapTokens: 10 },
    );
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) {
      expect(chunk.tokenCount).toBeLessThanOrEqual(100);
      expect(chunk.tokenCount).toBe(countTokens(chunk.text));
    }
  });

  it('repeats text between neighbouring passages of a long section', async () => {
    const chunks = await chunkDocument(
      { title: null, content: { kind: 'text', text: paragraphs(60) } },
      { chunkTokens: 80, overlapTokens: 30 },
    );
    const [first, second] = chunks;
    const lastSentenceOfFirst = first?.text.split('\n\n').at(-1) ?? '';
    expect(second?.text).toContain(lastSentenceOfFirst);
  });

  it('gives markdown passages their heading path', async () => {
    const markdown = `# Handbook\n\n## Leave\n\n${paragraphs(3)}\n\n## Travel\n\nBook trains early.`;
    const chunks = await chunkDocument({
      title: 'Handbook',
      content: { kind: 'markdown', markdown },
    });
    expect(chunks.map((chunk) => chunk.heading)).toEqual(['Handbook > Leave', 'Handbook > Travel']);
    expect(chunks.every((chunk) => chunk.pageStart === null)).toBe(true);
  });

  it('gives PDF passages the page range they come from, across page breaks', async () => {
    const pages = [1, 2, 3, 4].map((number) => ({ number, text: paragraphs(12, number * 100) }));
    const chunks = await chunkDocument(
      { title: null, content: { kind: 'pages', pages } },
      { chunkTokens: 120, overlapTokens: 20 },
    );
    expect(chunks[0]?.pageStart).toBe(1);
    expect(chunks.at(-1)?.pageEnd).toBe(4);
    for (const chunk of chunks) {
      const firstSentence = Number(/Sentence number (\d+)/.exec(chunk.text)?.[1]);
      expect(chunk.pageStart).toBe(Math.floor(firstSentence / 100));
      expect(chunk.pageEnd).toBeGreaterThanOrEqual(chunk.pageStart ?? 0);
      expect((chunk.pageEnd ?? 0) - (chunk.pageStart ?? 0)).toBeLessThanOrEqual(1);
      // The text after the break is the next page's: its first sentence is numbered there.
      for (const pageBegins of chunk.pageBreaks ?? []) {
        const after = Number(/Sentence number (\d+)/.exec(chunk.text.slice(pageBegins))?.[1]);
        expect(Math.floor(after / 100)).toBe(chunk.pageEnd);
      }
    }
    expect(chunks.some((chunk) => chunk.pageEnd !== chunk.pageStart)).toBe(true);
  });

  it('never gives a passage more than two pages, even when four would fit in one', async () => {
    const facts = [
      'New employees get 25 vacation days.',
      'Dental cover starts after three months.',
      'Parking permits are issued by Facilities.',
      'Travel is booked through the portal.',
    ];
    const document = await loadDocument('pdf', await makePdf(facts.map((fact) => [fact])));
    const chunks = await chunkDocument(document);
    expect(chunks.map((chunk) => [chunk.pageStart, chunk.pageEnd])).toEqual([
      [1, 2],
      [3, 4],
    ]);
    // Where the second page begins in each passage: its text starts there.
    for (const chunk of chunks) {
      const [pageBegins] = chunk.pageBreaks ?? [];
      expect(chunk.pageBreaks).toHaveLength(1);
      expect(facts[(chunk.pageEnd ?? 0) - 1]).toBe(chunk.text.slice(pageBegins));
      expect(chunk.text.slice(0, pageBegins).trim()).toBe(facts[(chunk.pageStart ?? 0) - 1]);
    }
  });

  it('cuts a piece at the page that would be its third, also over a page without text', async () => {
    const pages = [
      { number: 1, text: 'First page.' },
      { number: 2, text: '' },
      { number: 3, text: 'Third page.' },
    ];
    const chunks = await chunkDocument({ title: null, content: { kind: 'pages', pages } });
    expect(chunks).toEqual([
      expect.objectContaining({ text: 'First page.', pageStart: 1, pageEnd: 1 }),
      expect.objectContaining({ text: 'Third page.', pageStart: 3, pageEnd: 3 }),
    ]);
    expect(chunks.every((chunk) => chunk.pageBreaks === undefined)).toBe(true);
  });

  it('never gives passages that go back a page, after a short middle page', async () => {
    // The first chunk reaches one sentence into page 3; the next one's overlap starts back on
    // page 2 (overlap 40) or page 1 (overlap 50), so the piece cut off at page 3 is in it.
    for (const overlapTokens of [40, 50]) {
      const pages = [
        { number: 1, text: paragraphs(6, 100) },
        { number: 2, text: paragraphs(1, 200) },
        { number: 3, text: paragraphs(6, 300) },
      ];
      const chunks = await chunkDocument(
        { title: null, content: { kind: 'pages', pages } },
        { chunkTokens: 120, overlapTokens },
      );
      expect(chunks.some((chunk) => chunk.pageStart === 1 && chunk.pageEnd === 2)).toBe(true);
      expect(chunks.at(-1)?.text).toContain(sentence(305));
      for (const [index, chunk] of chunks.entries()) {
        const next = chunks[index + 1];
        if (!next) continue;
        expect(next.pageStart).toBeGreaterThanOrEqual(chunk.pageStart ?? 0);
        // No passage is a piece of the next one.
        expect(next.text).not.toContain(chunk.text);
      }
      for (const chunk of chunks) {
        for (const pageBegins of chunk.pageBreaks ?? []) {
          const after = Number(/Sentence number (\d+)/.exec(chunk.text.slice(pageBegins))?.[1]);
          expect(Math.floor(after / 100)).toBe(chunk.pageEnd);
        }
      }
    }
  });

  it('skips pages without text but keeps the real page numbers', async () => {
    const pages = [
      { number: 1, text: '' },
      { number: 2, text: 'Only this page has text.' },
    ];
    const chunks = await chunkDocument({ title: null, content: { kind: 'pages', pages } });
    expect(chunks).toEqual([expect.objectContaining({ pageStart: 2, pageEnd: 2 })]);
  });

  it('returns no passages for a document without text', async () => {
    expect(
      await chunkDocument({ title: null, content: { kind: 'markdown', markdown: '   \n\n' } }),
    ).toEqual([]);
  });
});

describe('chunkingSignature', () => {
  it('changes when the chunking rules change', () => {
    expect(chunkingSignature()).toBe(chunkingSignature({ chunkTokens: 300, overlapTokens: 45 }));
    expect(chunkingSignature({ chunkTokens: 200 })).not.toBe(chunkingSignature());
    // Passages cut at page breaks (v2) re-chunk documents stored before.
    expect(chunkingSignature()).not.toBe('v1:300/45');
    // Cut pieces the next passage covers are dropped (v3).
    expect(chunkingSignature()).not.toBe('v2:300/45');
  });
});
