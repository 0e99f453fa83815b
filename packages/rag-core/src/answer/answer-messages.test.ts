import { describe, expect, it } from '@jest/globals';
import { answerMessages } from './answer-messages.js';

describe('answerMessages.notFound', () => {
  it('says what was searched where', () => {
    expect(answerMessages.notFound({ query: 'Dress code?', collections: ['hr', 'it'] })).toBe(
      'I found nothing about "Dress code?" in the knowledge base (searched collections hr, it). Try other words, or ask whoever maintains the documents to add this topic.',
    );
  });

  it('quotes at most 200 characters of a long question', () => {
    const message = answerMessages.notFound({ query: 'x'.repeat(4000), collections: [] });
    expect(message).toContain(`"${'x'.repeat(200)}…"`);
    expect(message.length).toBeLessThan(400);
  });
});
