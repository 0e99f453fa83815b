import type { Answer, Citation } from './answer.js';
import { answerMessages } from './answer-messages.js';

/** The fields of an answer a chat platform shows. */
export type RenderedAnswer = Pick<
  Answer,
  | 'id'
  | 'status'
  | 'text'
  | 'citations'
  | 'query'
  | 'collections'
  | 'reason'
  | 'modelHost'
  | 'knowledgeBaseEmpty'
>;

/**
 * What an answer shows, in the order every chat platform shows it, worded once: plain text
 * each platform escapes and dresses in its own markup. An answer has `markdown`, or instead
 * a `notice` (nothing found) or a `failure`.
 */
export interface AnswerLayout {
  /** Small print above the text: why these are excerpts. */
  readonly label?: string;
  /** The model's Markdown, or the excerpts. */
  readonly markdown?: string;
  readonly notice?: string;
  readonly failure?: string;
  /** A warning under the text: it cites nothing. */
  readonly caution?: string;
  readonly sources: readonly Citation[];
}

export function answerLayout(answer: RenderedAnswer): AnswerLayout {
  switch (answer.status) {
    case 'not_found':
      return { notice: answerMessages.notFound(answer), sources: [] };
    case 'failed':
      return {
        failure: answerMessages.failure(answer.reason ?? 'llm_failed', answer.modelHost),
        sources: [],
      };
    default:
      return {
        ...(answer.status === 'excerpts' ? { label: answerMessages.excerptsLabelOf(answer) } : {}),
        markdown: answer.text,
        ...(answer.status === 'uncited' ? { caution: answerMessages.uncitedNote } : {}),
        sources: answer.citations,
      };
  }
}
