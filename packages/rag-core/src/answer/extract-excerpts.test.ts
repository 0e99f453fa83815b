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
