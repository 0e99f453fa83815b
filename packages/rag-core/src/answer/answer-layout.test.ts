import { describe, expect, it } from '@jest/globals';
import type { Citation } from './answer.js';
import { answerLayout, type RenderedAnswer } from './answer-layout.js';
import { answerMessages } from './answer-messages.js';

const citation = { n: 1, title: 'Time off', source: 'time-off.md' } as Citation;
const answer: RenderedAnswer = {
  id: 'a1',
  status: 'answered',
  text: 'Parents get **16 weeks** [1].',
  citations: [citation],
  query: 'parental leave',
  collections: [],
};

describe('answerLayout', () => {
  it('lays out an answer as its text and sources', () => {
    expect(answerLayout(answer)).toEqual({ markdown: answer.text, sources: [citation] });
  });

  it('labels excerpts and warns about an answer that cites nothing', () => {
    expect(answerLayout({ ...answer, status: 'excerpts' }).label).toBe(
      answerMessages.excerptsLabel,
    );
    expect(answerLayout({ ...answer, status: 'uncited', citations: [] })).toEqual({
      markdown: answer.text,
      caution: answerMessages.uncitedNote,
      sources: [],
    });
  });

  it('shows a notice instead of text when nothing was found, and a failure with its reason', () => {
    const nothing = answerLayout({ ...answer, status: 'not_found', text: '', citations: [] });
    expect(nothing).toEqual({ notice: answerMessages.notFound(answer), sources: [] });
    const failed = answerLayout({ ...answer, status: 'failed', reason: 'llm_timeout' });
    expect(failed).toEqual({ failure: answerMessages.failure('llm_timeout'), sources: [] });
    expect(answerLayout({ ...answer, status: 'failed' }).failure).toContain('(reason: llm_failed)');
  });

  it('names the model that could not be reached, in the excerpts label and in a failure', () => {
    const unreachable = { reason: 'llm_unavailable', modelHost: '127.0.0.1:11434' } as const;
    expect(answerLayout({ ...answer, status: 'excerpts', ...unreachable }).label).toBe(
      "The language model at 127.0.0.1:11434 can't be reached or is failing (reason: llm_unavailable), so here are the most relevant excerpts from the knowledge base:",
    );
    expect(answerLayout({ ...answer, status: 'failed', ...unreachable }).failure).toContain(
      'The language model at 127.0.0.1:11434',
    );
  });
});
