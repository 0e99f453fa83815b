import type { Answer } from '@knowhow/rag-core';

/**
 * Message metadata on every final answer. Reading a thread back, it tells Knowhow's answers
 * from its progress and error messages, and gives the query each question was searched as,
 * so chains of follow-ups keep their subject.
 */
export const answerEventType = 'knowhow_answer';

export interface AnswerMetadata {
  readonly event_type: typeof answerEventType;
  readonly event_payload: { answer_id: string; status: string; query: string };
}

export function answerMetadata(answer: Pick<Answer, 'id' | 'status' | 'query'>): AnswerMetadata {
  return {
    event_type: answerEventType,
    event_payload: { answer_id: answer.id, status: answer.status, query: answer.query },
  };
}
