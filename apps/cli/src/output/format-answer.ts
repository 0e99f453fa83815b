import { type Answer, answerMessages, type Citation, describeLocation } from '@knowhow/rag-core';
import { printable } from './printable.js';

/** `[1] Time off (time-off.md, Vacation) https://…` */
export function formatCitation(citation: Citation): string {
  const where = [citation.source, describeLocation(citation)]
    .filter((part): part is string => Boolean(part))
    .map(printable)
    .join(', ');
  return `[${citation.n}] ${printable(citation.title)} (${where})${citation.url ? ` ${printable(citation.url)}` : ''}`;
}

/**
 * What follows the streamed answer text: the sources it cites, or the message for an answer
 * that has no text of its own (not found, failed), or the warning for an uncited one.
 */
export function formatAnswerEnd(answer: Answer): string {
  switch (answer.status) {
    case 'answered':
    case 'excerpts':
      return [
        '',
        '',
        'Sources:',
        ...answer.citations.map((citation) => `  ${formatCitation(citation)}`),
      ].join('\n');
    case 'uncited':
      return `\n\n${answerMessages.uncitedNote}`;
    case 'not_found':
      // The model's own refusal, when it wrote one, was streamed already.
      return `${answer.text ? '\n\n' : ''}${answerMessages.notFound(answer)}`;
    case 'failed':
      return `${answer.text ? '\n\n' : ''}${answerMessages.failure(answer.reason ?? 'llm_failed', answer.modelHost)}`;
  }
}

/** The `--json` shape: stable snake_case fields for scripts. */
export function answerToJson(answer: Answer) {
  return {
    status: answer.status,
    answer: answer.text,
    citations: answer.citations.map((citation) => ({
      n: citation.n,
      title: citation.title,
      source: citation.source,
      page_start: citation.pageStart,
      page_end: citation.pageEnd,
      heading: citation.heading,
      url: citation.url,
    })),
    query: answer.query,
    collections: answer.collections,
    ...(answer.reason ? { reason: answer.reason } : {}),
    ...(answer.status === 'excerpts' ? { label: answerMessages.excerptsLabelOf(answer) } : {}),
    ...(answer.status === 'not_found' ? { message: answerMessages.notFound(answer) } : {}),
    ...(answer.status === 'failed'
      ? { message: answerMessages.failure(answer.reason ?? 'llm_failed', answer.modelHost) }
      : {}),
    id: answer.id,
  };
}
