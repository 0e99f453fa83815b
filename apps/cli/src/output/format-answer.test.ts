import { describe, expect, it } from '@jest/globals';
import type { Answer } from '@knowhow/rag-core';
import { answerToJson, formatAnswerEnd, formatCitation } from './format-answer.js';

const base: Answer = {
  id: '00000000-0000-4000-8000-000000000000',
  status: 'answered',
  text: 'Parents get 16 weeks [1].',
  citations: [
    {
      n: 1,
      title: 'Time off',
      source: 'time-off.md',
      collection: 'handbook',
      pageStart: null,
      pageEnd: null,
      heading: 'Time off > Parental leave',
      url: 'https://intranet.example/time-off',
      excerpt: 'Every parent…',
    },
  ],
  query: 'parental leave',
  collections: [],
  durationMs: 12,
};

describe('formatAnswerEnd', () => {
  it('lists the cited sources after an answer', () => {
    expect(formatAnswerEnd(base)).toBe(
      '\n\nSources:\n  [1] Time off (time-off.md, Time off > Parental leave) https://intranet.example/time-off',
    );
  });

  it('warns after an answer that cites nothing', () => {
    expect(formatAnswerEnd({ ...base, status: 'uncited', citations: [] })).toContain(
      'cites none of your documents',
    );
  });

  it('says what was searched when nothing was found', () => {
    expect(
      formatAnswerEnd({
        ...base,
        status: 'not_found',
        text: '',
        citations: [],
        collections: ['hr', 'it'],
      }),
    ).toBe(
      'I found nothing about "parental leave" in the knowledge base (searched collections hr, it). Try other words, or ask whoever maintains the documents to add this topic.',
    );
  });

  it('gives a failure its message and reason code', () => {
    expect(
      formatAnswerEnd({
        ...base,
        status: 'failed',
        reason: 'llm_timeout',
        text: '',
        citations: [],
      }),
    ).toBe('The language model took too long to answer. Please try again. (reason: llm_timeout)');
  });
});

describe('formatCitation', () => {
  it('names a page range for paged documents', () => {
    const [citation] = base.citations;
    if (!citation) throw new Error('no citation');
    expect(
      formatCitation({ ...citation, source: 'plan.pdf', pageStart: 3, pageEnd: 4, url: null }),
    ).toBe('[1] Time off (plan.pdf, pp. 3–4)');
  });
});

describe('answerToJson', () => {
  it('has the documented fields in snake_case', () => {
    expect(answerToJson(base)).toMatchObject({
      status: 'answered',
      answer: 'Parents get 16 weeks [1].',
      citations: [
        {
          n: 1,
          title: 'Time off',
          source: 'time-off.md',
          page_start: null,
          page_end: null,
          heading: 'Time off > Parental leave',
          url: 'https://intranet.example/time-off',
        },
      ],
    });
  });
});
