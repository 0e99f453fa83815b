import { describe, expect, it } from '@jest/globals';
import type { SourcePassage } from './build-sources.js';
import { extractExcerpts } from './extract-excerpts.js';

const source = (n: number, text: string): SourcePassage => ({
  n,
  title: 'Handbook',
  source: 'handbook.md',
  collection: 'hr',
  url: null,
  heading: null,
  pageStart: null,
  pageEnd: null,
  text,
});

describe('extractExcerpts', () => {
  it('quotes the sentences that share most words with the question, each with its source number', () => {
    const result = extractExcerpts(
      'How many vacation days do new employees get?',
      'How many vacation days do new employees get?',
      [
        source(
          1,
          'Our office is in Lisbon. New employees get 25 vacation days in their first year. Lunch is at noon.',
        ),
        source(2, 'Everyone else gets 28 vacation days. Sick leave is separate.'),
      ],
    );
    expect(result.text).toBe(
      '> New employees get 25 vacation days in their first year. [1]\n\n> Everyone else gets 28 vacation days. [2]',
    );
    expect(result.cited).toEqual([1, 2]);
  });

  it('quotes the start of the best source when no sentence shares a word (a match by meaning)', () => {
    const result = extractExcerpts('holiday allowance', 'holiday allowance', [
      source(1, 'Staff receive paid leave every year.'),
    ]);
    expect(result).toMatchObject({
      text: '> Staff receive paid leave every year. [1]',
      cited: [1],
    });
  });

  it('quotes for a follow-up only sentences about what was asked now', () => {
    const result = extractExcerpts(
      'And parental leave?',
      'How many vacation days do new employees get? And parental leave?',
      [
        source(1, 'New employees get 25 vacation days in their first year.'),
        source(2, 'Parents get 16 weeks of paid parental leave.'),
      ],
    );
    expect(result).toMatchObject({
      text: '> Parents get 16 weeks of paid parental leave. [2]',
      cited: [2],
    });
  });

  it('always quotes the best-ranked source, a Word table too, before any other', () => {
    const table = source(
      1,
      '# Meals\n\nDaily limits\n\nCity\n\nLimit\n\nLondon\n\n60 GBP\n\nBerlin\n\n45 EUR',
    );
    const result = extractExcerpts('meal allowance in Berlin', 'meal allowance in Berlin', [
      table,
      source(2, 'Employees in Berlin may work from home on Fridays.'),
    ]);
    expect(
      result.text.startsWith(
        '> Meals · Daily limits · City · Limit · London · 60 GBP · Berlin · 45 EUR [1]',
      ),
    ).toBe(true);
    expect(result.cited[0]).toBe(1);
  });

  it('quotes the best-ranked source first when search matched it by meaning alone', () => {
    const result = extractExcerpts('holiday allowance', 'holiday allowance', [
      source(1, 'Staff receive 25 days of paid leave every year.'),
      source(2, 'The holiday party is in December; the allowance for it is 40 EUR.'),
    ]);
    expect(result).toMatchObject({
      text: '> Staff receive 25 days of paid leave every year. [1]\n\n> The holiday party is in December; the allowance for it is 40 EUR. [2]',
      cited: [1, 2],
    });
  });

  it('leaves out sources that share only a word or so with the question', () => {
    const result = extractExcerpts(
      'How many vacation days do new employees get?',
      'How many vacation days do new employees get?',
      [
        source(1, 'New employees get 25 vacation days in their first year.'),
        source(2, 'All employees must complete the security training.'),
      ],
    );
    expect(result).toMatchObject({
      text: '> New employees get 25 vacation days in their first year. [1]',
      cited: [1],
    });
  });
});

describe('extractExcerpts quoted places', () => {
  /** The characters of each cited source that the answer says it quoted. */
  const quotedTexts = (
    result: ReturnType<typeof extractExcerpts>,
    sources: readonly SourcePassage[],
  ): string[] =>
    result.quoted.map(({ n, start, end }) => {
      const text = sources.find((candidate) => candidate.n === n)?.text ?? '';
      expect(0 <= start && start < end && end <= text.length).toBe(true);
      return text.slice(start, end);
    });
  const flat = (text: string) => text.replace(/\s+/g, ' ');

  it('points at the quoted sentence of each source', () => {
    const sources = [
      source(
        1,
        'Our office is in Lisbon. New employees get 25 vacation days in their first year. Lunch is at noon.',
      ),
      source(2, 'Everyone else gets 28 vacation days. Sick leave is separate.'),
    ];
    const question = 'How many vacation days do new employees get?';
    const result = extractExcerpts(question, question, sources);
    expect(result.quoted.map((place) => place.n)).toEqual([1, 2]);
    expect(quotedTexts(result, sources)).toEqual([
      'New employees get 25 vacation days in their first year.',
      'Everyone else gets 28 vacation days.',
    ]);
  });

  it('points at a sentence hard-wrapped over lines, its newlines included', () => {
    const sources = [
      source(
        1,
        'Our office is in Lisbon.\nNew employees get 25 vacation\ndays in their first\nyear. Lunch is at noon.',
      ),
    ];
    const question = 'How many vacation days do new employees get?';
    const result = extractExcerpts(question, question, sources);
    const [quoted] = quotedTexts(result, sources);
    expect(quoted).toBe('New employees get 25 vacation\ndays in their first\nyear.');
    expect(result.text).toBe(`> ${flat(quoted ?? '')} [1]`);
  });

  it('points at a run of table cells from its first cell to its last', () => {
    const sources = [
      source(
        1,
        'Receipts are kept for a year.\n\nCity\n\nLimit\n\nLondon\n\n60 GBP\n\nBerlin\n\n45 EUR\n\nAsk Finance about anything else.',
      ),
    ];
    const result = extractExcerpts('meal limit in Berlin', 'meal limit in Berlin', sources);
    expect(result.text).toBe('> City · Limit · London · 60 GBP · Berlin · 45 EUR [1]');
    expect(quotedTexts(result, sources)).toEqual([
      'City\n\nLimit\n\nLondon\n\n60 GBP\n\nBerlin\n\n45 EUR',
    ]);
  });

  it('leaves out whitespace before and after the quoted text', () => {
    const text = '\n\n   New employees get 25 vacation days in their first year.   \n';
    const sources = [source(1, text)];
    const question = 'How many vacation days do new employees get?';
    const result = extractExcerpts(question, question, sources);
    expect(result.quoted).toEqual([
      { n: 1, start: text.indexOf('New'), end: text.indexOf('year.') + 'year.'.length },
    ]);
    // The opening, quoted when no word is shared (a match by meaning), starts after it too.
    const opening = extractExcerpts('holiday allowance', 'holiday allowance', [
      source(1, '\n  Staff receive paid leave every year.'),
    ]);
    expect(opening.quoted).toEqual([{ n: 1, start: 3, end: 39 }]);
  });

  it('spans both sentences quoted from one source, and what lies between', () => {
    const sources = [
      source(
        1,
        'New employees get 25 vacation days. Lunch is served at noon. Unused vacation days expire in March.',
      ),
    ];
    const question = 'When do vacation days expire?';
    const result = extractExcerpts(question, question, sources);
    expect(result.text).toBe(
      '> New employees get 25 vacation days. … Unused vacation days expire in March. [1]',
    );
    expect(quotedTexts(result, sources)).toEqual([sources[0]?.text]);
  });
});
