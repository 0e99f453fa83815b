import { describe, expect, it } from '@jest/globals';
import type { SearchHit } from '../store/knowledge-store.js';
import { buildSources, isRelevant, joinPassages, relevantHits } from './build-sources.js';

function hit(
  documentId: number,
  ordinal: number,
  text: string,
  extra: Partial<SearchHit> = {},
): SearchHit {
  return {
    chunkId: documentId * 100 + ordinal,
    documentId,
    ordinal,
    collection: 'hr',
    source: `doc-${documentId}.pdf`,
    uri: `file:///doc-${documentId}.pdf`,
    url: null,
    title: `Document ${documentId}`,
    heading: null,
    pageStart: ordinal + 1,
    pageEnd: ordinal + 1,
    text,
    score: 0.03,
    vectorRank: null,
    keywordRank: 1,
    vectorDistance: null,
    keywordScore: 1,
    keywordCoverage: 0.8,
    ...extra,
  };
}

describe('buildSources', () => {
  it('numbers sources in rank order', () => {
    const sources = buildSources([hit(2, 0, 'Beta.'), hit(1, 5, 'Alpha.')], {
      tokenBudget: 1000,
      maxSources: 8,
    });
    expect(sources.map((source) => [source.n, source.source])).toEqual([
      [1, 'doc-2.pdf'],
      [2, 'doc-1.pdf'],
    ]);
  });

  it('budgets with the token counts the store measured, counting only what it lacks', () => {
    const sources = buildSources(
      [
        hit(1, 0, 'Short text, long passage.', { tokenCount: 900 }),
        hit(2, 0, 'Also short.', { tokenCount: 200 }),
        hit(3, 0, 'Counted here.'),
      ],
      { tokenBudget: 1000, maxSources: 8 },
    );
    // 900 + 200 is over the budget, so the second is left out; the third costs 3 tokens.
    expect(sources.map((source) => source.source)).toEqual(['doc-1.pdf', 'doc-3.pdf']);
  });

  it('never merges neighbours into a source of more than two pages', () => {
    const sources = buildSources(
      [hit(1, 0, 'Page one.'), hit(1, 1, 'Page two.'), hit(1, 2, 'Page three.')],
      {
        tokenBudget: 1000,
        maxSources: 8,
      },
    );
    expect(sources.map((source) => [source.pageStart, source.pageEnd])).toEqual([
      [1, 2],
      [3, 3],
    ]);
  });

  it('never merges a neighbour that starts on an earlier page than the one before it', () => {
    // After a short page 2: a tail piece on page 3, a passage back on pages 1–2, page 3 again.
    const sources = buildSources(
      [
        hit(1, 4, '3.1 Vacation', { pageStart: 3, pageEnd: 3 }),
        hit(1, 5, 'Page one text.\n\nPage two.', { pageStart: 1, pageEnd: 2, pageBreaks: [16] }),
        hit(1, 6, 'Vacation is 28 days a year.', { pageStart: 3, pageEnd: 3 }),
      ],
      { tokenBudget: 1000, maxSources: 8 },
    );
    expect(sources.map((source) => [source.pageStart, source.pageEnd, source.pageBreaks])).toEqual([
      [3, 3, undefined],
      [1, 2, [16]],
      [3, 3, undefined],
    ]);
  });

  it('says where the second page begins in a source merged from passages of two pages', () => {
    const first = 'Vacation is 28 days a year. Carry over up to five days.';
    const second = 'Carry over up to five days.\n\nDental cover starts after three months.';
    const [source] = buildSources(
      [hit(1, 0, first), hit(1, 1, second, { pageStart: 1, pageEnd: 2, pageBreaks: [29] })],
      { tokenBudget: 1000, maxSources: 8 },
    );
    expect(source).toMatchObject({ pageStart: 1, pageEnd: 2 });
    const pageBegins = source?.pageBreaks?.[0] ?? 0;
    expect(source?.text.slice(pageBegins)).toBe('Dental cover starts after three months.');
  });

  it('merges neighbouring passages of one document into one source, without their overlap', () => {
    const first = 'Vacation is 28 days a year. Carry over up to five days.';
    const second = 'Carry over up to five days. Requests go to your manager.';
    const sources = buildSources([hit(1, 4, second), hit(2, 0, 'Other.'), hit(1, 3, first)], {
      tokenBudget: 1000,
      maxSources: 8,
    });
    expect(sources).toHaveLength(2);
    expect(sources[0]).toMatchObject({
      n: 1,
      pageStart: 4,
      pageEnd: 5,
      text: 'Vacation is 28 days a year. Carry over up to five days. Requests go to your manager.',
    });
  });

  it('keeps passages of one document that are not neighbours apart', () => {
    expect(
      buildSources([hit(1, 1, 'One.'), hit(1, 9, 'Nine.')], { tokenBudget: 1000, maxSources: 8 }),
    ).toHaveLength(2);
  });

  it('stays within the token budget and the source limit', () => {
    const long = 'word '.repeat(400);
    expect(
      buildSources([hit(1, 0, long), hit(2, 0, long), hit(3, 0, 'Short.')], {
        tokenBudget: 500,
        maxSources: 8,
      }).map((source) => source.source),
    ).toEqual(['doc-1.pdf', 'doc-3.pdf']);
    expect(
      buildSources([hit(1, 0, 'a.'), hit(2, 0, 'b.'), hit(3, 0, 'c.')], {
        tokenBudget: 500,
        maxSources: 2,
      }),
    ).toHaveLength(2);
  });

  it('shortens a first source that alone exceeds the budget', () => {
    const [source] = buildSources([hit(1, 0, 'word '.repeat(2000))], {
      tokenBudget: 100,
      maxSources: 8,
    });
    expect(source?.text.endsWith('…')).toBe(true);
    expect(source?.text.length).toBeLessThan(1000);
  });

  it('cites a shortened source by the pages it kept, not one beginning where it was cut', () => {
    // 253 characters of page 1 (with the blank line) fit 75 tokens; the cut falls right where
    // page 2 begins, so the source keeps only page 1 and its ellipsis.
    const pageOne = 'Vacation is 28 days a year. '.repeat(9).trim();
    const pageBegins = pageOne.length + 2;
    const text = `${pageOne}\n\nDental cover starts after thr`;
    const [source] = buildSources(
      [hit(1, 0, text, { pageStart: 1, pageEnd: 2, pageBreaks: [pageBegins] })],
      { tokenBudget: 75, maxSources: 8 },
    );
    expect(source?.text).toBe(`${text.slice(0, pageBegins)}…`);
    expect(source).toMatchObject({ pageStart: 1, pageEnd: 1 });
    expect(source?.pageBreaks).toBeUndefined();
  });
});

describe('joinPassages', () => {
  it('joins passages that do not overlap with a blank line', () => {
    expect(joinPassages(['First part.', 'Second part.'])).toBe('First part.\n\nSecond part.');
  });
});

describe('isRelevant', () => {
  const floor = {
    minKeywordCoverage: 0.4,
    minKeywordCoverageWithVectors: 0.6,
    maxVectorDistance: 0.35,
  };
  it('accepts a passage covering enough of the question, or close enough in meaning', () => {
    expect(isRelevant(hit(1, 0, 'x', { keywordCoverage: 0.5 }), floor)).toBe(true);
    expect(isRelevant(hit(1, 0, 'x', { keywordCoverage: 0.2, vectorDistance: 0.3 }), floor)).toBe(
      true,
    );
    expect(isRelevant(hit(1, 0, 'x', { keywordCoverage: 0.2, vectorDistance: 0.6 }), floor)).toBe(
      false,
    );
    expect(isRelevant(hit(1, 0, 'x', { keywordCoverage: null }), floor)).toBe(false);
  });

  it('asks more of keywords when vectors ranked too', () => {
    const half = hit(1, 0, 'x', { keywordCoverage: 0.5, vectorDistance: 0.7 });
    expect(isRelevant(half, floor)).toBe(true);
    expect(isRelevant(half, floor, true)).toBe(false);
  });
});

describe('relevantHits', () => {
  const floor = {
    minKeywordCoverage: 0.4,
    minKeywordCoverageWithVectors: 0.6,
    maxVectorDistance: 0.35,
  };
  const weak = { keywordCoverage: 0.1 };
  const strong = { keywordCoverage: 0.9 };
  const byRewrite = { foundBy: 'rewrite' } as const;

  it("admits the question only on its own hits: a rewrite's strong passage does not", () => {
    expect(
      relevantHits([hit(1, 0, 'x', weak), hit(2, 0, 'y', { ...strong, ...byRewrite })], floor),
    ).toEqual([]);
  });

  it('then keeps rewrite-only passages that pass on their own fields', () => {
    const kept = relevantHits(
      [
        hit(1, 0, 'x', strong),
        hit(2, 0, 'y', { ...strong, ...byRewrite }),
        hit(3, 0, 'z', { ...weak, ...byRewrite }),
        hit(4, 0, 'w', weak),
      ],
      floor,
    );
    expect(kept.map((found) => found.documentId)).toEqual([1, 2]);
  });

  it("reads whether vectors ranked from the question's hits", () => {
    // The question's search was keyword-only: a rewrite's vector hit does not raise the bar.
    const half = hit(1, 0, 'x', { keywordCoverage: 0.5 });
    const vector = hit(2, 0, 'y', { keywordCoverage: null, vectorDistance: 0.2, ...byRewrite });
    expect(relevantHits([half, vector], floor).map((found) => found.documentId)).toEqual([1, 2]);
  });
});
