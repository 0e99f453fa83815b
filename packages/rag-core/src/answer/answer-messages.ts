import type { Answer, FailureReason } from './answer.js';

/**
 * What users read when an answer is not a plain cited answer: the one wording shared by the
 * command line and the chat bots, each rendering it in its own format. Every message says
 * what happened; failures carry their reason code for support.
 */
export const answerMessages = {
  excerptsLabel:
    'No language model is configured, so here are the most relevant excerpts from the knowledge base:',

  /** The label above excerpts: why there is no written answer. */
  excerptsLabelOf(answer: Pick<Answer, 'reason' | 'modelHost'>): string {
    if (!answer.reason) return answerMessages.excerptsLabel;
    const model = answer.modelHost
      ? `The language model at ${answer.modelHost}`
      : 'The language model';
    const what =
      answer.reason === 'llm_timeout' ? 'did not answer in time' : "can't be reached or is failing";
    return `${model} ${what} (reason: ${answer.reason}), so here are the most relevant excerpts from the knowledge base:`;
  },
  uncitedNote:
    'This answer cites none of your documents, so it may not be grounded in them. Check before relying on it.',

  notFound(answer: Pick<Answer, 'query' | 'collections' | 'knowledgeBaseEmpty'>): string {
    if (answer.knowledgeBaseEmpty) {
      const where =
        answer.collections.length > 0
          ? `Collection${answer.collections.length > 1 ? 's' : ''} ${answer.collections.join(', ')} of the knowledge base hold${answer.collections.length > 1 ? '' : 's'}`
          : 'The knowledge base holds';
      return `${where} no documents yet, so there is nothing to answer from. Whoever runs Knowhow adds them with: npx knowhow ingest <folder>`;
    }
    const scope =
      answer.collections.length > 0
        ? `collection${answer.collections.length > 1 ? 's' : ''} ${answer.collections.join(', ')}`
        : 'all collections';
    // A question may be 4,000 characters; the message quotes enough to recognise it.
    const query = answer.query.length > 200 ? `${answer.query.slice(0, 200)}…` : answer.query;
    return `I found nothing about "${query}" in the knowledge base (searched ${scope}). Try other words, or ask whoever maintains the documents to add this topic.`;
  },

  /** `modelHost`: the model's host:port, named when it could not be reached. */
  failure(reason: FailureReason, modelHost?: string): string {
    const text =
      modelHost && reason === 'llm_unavailable'
        ? `The language model at ${modelHost} can't be reached or is failing right now. Please try again later.`
        : failureText[reason];
    return `${text} (reason: ${reason})`;
  },
} as const;

const failureText: Readonly<Record<FailureReason, string>> = {
  invalid_question: 'The question is empty or too long. Please ask it again, in a few sentences.',
  cancelled: 'Stopped before the answer was complete.',
  database_unavailable:
    "I can't reach the knowledge base right now, so I can't answer. Please try again in a few minutes.",
  llm_timeout: 'The language model took too long to answer. Please try again.',
  llm_rate_limited: 'The language model is busy right now. Please try again in a minute.',
  llm_unauthorized:
    "The language model refused Knowhow's credentials; an administrator needs to check the API key.",
  llm_unavailable:
    "The language model can't be reached or is failing right now. Please try again later.",
  llm_failed: 'Something went wrong while writing the answer. Please try again.',
};
