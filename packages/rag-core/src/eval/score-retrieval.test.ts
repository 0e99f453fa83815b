import { describe, expect, it } from '@jest/globals';
import type { EvalCase } from './ground-truth.js';
import { matchesSource, scoreCase, summarizeRetrieval } from './score-retrieval.js';

const evalCase = (expected: EvalCase['expected']): EvalCase => ({
  line: 1,
  question: 'q',
  expected,
  offTopic: false,
});
const at = (source: string, page: number | null, section: string | null = null) => ({
  source,
  page,
  section,
});
const passage = (source: string, pageStart: number | null = null, pageEnd = pageStart) => ({
  source,
  pageStart,
  pageEnd,
  heading: null,
});

describe('matchesSource', () => {
  it('matches a file name or a relative path at the end of the source', () => {
    expect(matchesSource('docs/plans/Plan.pdf', 'plan.pdf')).toBe(true);
    expect(matchesSource('docs/plans/Plan.pdf', 'plans/plan.pdf')).toBe(true);
    expect(matchesSource('docs/myplan.pdf', 'plan.pdf')).toBe(false);
  });
});

describe('scoreCase', () => {
  it('ranks the first passage of an expected document and, separately, of an expected page ±1', () => {
    const result = scoreCase(evalCase([at('a.pdf', 10)]), [
      passage('b.pdf', 10),
      passage('a.pdf', 3),
      passage('a.pdf', 11, 12),
    ]);
    expect(result.documentRank).toBe(2);
    expect(result.pageRank).toBe(3);
  });

  it('counts a passage whose page range ends one page before the cited page', () => {
    expect(scoreCase(evalCase([at('a.pdf', 9)]), [passage('a.pdf', 7, 8)]).pageRank).toBe(1);
    expect(scoreCase(evalCase([at('a.pdf', 10)]), [passage('a.pdf', 7, 8)]).pageRank).toBeNull();
  });

  it('has no page rank when no page is expected', () => {
    expect(scoreCase(evalCase([at('a.md', null)]), [passage('a.md')]).pageRank).toBeNull();
  });
});

describe('scoreCase by section', () => {
  const inSection = (source: string, heading: string | null) => ({
    source,
    pageStart: null,
    pageEnd: null,
    heading,
  });

  it('ranks the first passage whose heading path names the expected section', () => {
    const result = scoreCase(evalCase([at('leave.md', null, 'Sick leave')]), [
      inSection('leave.md', 'Types of leave > Annual leave'),
      inSection('other.md', 'Sick leave'),
      inSection('leave.md', 'Types of leave > Sick leave > For bereavement purposes'),
    ]);
    expect(result.documentRank).toBe(1);
    expect(result.sectionRank).toBe(3);
  });

  it('does not count a heading that only contains the section name', () => {
    const result = scoreCase(evalCase([at('leave.md', null, 'Leave')]), [
      inSection('leave.md', 'Types of leave > Sick leave'),
    ]);
    expect(result.sectionRank).toBeNull();
  });
});

describe('summarizeRetrieval', () => {
  it('computes hit@k and MRR per level', () => {
    const results = [
      scoreCase(evalCase([at('a.pdf', 1)]), [passage('a.pdf', 1)]),
      scoreCase(evalCase([at('a.pdf', 20)]), [
        passage('x.pdf'),
        passage('a.pdf', 1),
        passage('a.pdf', 20),
      ]),
    ];
    const metrics = summarizeRetrieval(results, [1, 3]);
    expect(Object.fromEntries(metrics.document.hitAt)).toEqual({ 1: 0.5, 3: 1 });
    expect(metrics.document.mrr).toBeCloseTo((1 + 1 / 2) / 2);
    expect(Object.fromEntries(metrics.page?.hitAt ?? [])).toEqual({ 1: 0.5, 3: 1 });
    expect(metrics.page?.mrr).toBeCloseTo((1 + 1 / 3) / 2);
    expect(metrics.page?.mrrAt.get(1)).toBeCloseTo(1 / 2);
  });

  it('leaves out the page level when no question names a page', () => {
    const metrics = summarizeRetrieval([scoreCase(evalCase([at('a.md', null)]), [])], [5]);
    expect(metrics.page).toBeUndefined();
    expect(metrics.document.hitAt.get(5)).toBe(0);
  });
});
