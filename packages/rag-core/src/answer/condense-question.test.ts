import { describe, expect, it } from '@jest/globals';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { condenseByRule, condenseQuestion, isFollowUp } from './condense-question.js';

const history = [
  { role: 'user' as const, text: 'How many vacation days do new employees get?' },
  { role: 'assistant' as const, text: 'New employees get 25 days [1].' },
];

describe('condenseByRule', () => {
  it('searches a short or back-pointing follow-up together with the previous question', () => {
    expect(condenseByRule(history, 'And for part-time staff?')).toBe(
      'How many vacation days do new employees get? And for part-time staff?',
    );
    expect(condenseByRule(history, 'Can I carry them over?')).toContain('vacation days');
  });

  it('keeps a question that stands on its own, even a short one', () => {
    expect(condenseByRule(history, 'What is the capital of France?')).toBe(
      'What is the capital of France?',
    );
    expect(condenseByRule(history, 'Which health insurance plans does the company offer?')).toBe(
      'Which health insurance plans does the company offer?',
    );
    expect(condenseByRule([], 'And then?')).toBe('And then?');
  });

  it('keeps short inputs on their own by default, and joins them when asked to', () => {
    for (const input of ['vacation', '???', 'Part-time staff?']) {
      expect(condenseByRule(history, input)).toBe(input);
    }
    expect(condenseByRule(history, 'Part-time staff?', { shortInputs: true })).toBe(
      'How many vacation days do new employees get? Part-time staff?',
    );
    expect(condenseByRule(history, 'and part-time?')).toBe(
      'How many vacation days do new employees get? and part-time?',
    );
  });

  it('never merges the first question, even when earlier messages exist', () => {
    const greeting = [{ role: 'assistant' as const, text: 'Hi! Ask me about the handbook.' }];
    expect(condenseByRule(greeting, 'And for part-time staff?')).toBe('And for part-time staff?');
  });
});

describe('isFollowUp', () => {
  it('tells follow-ups from questions that stand on their own', () => {
    expect(isFollowUp('How much is it for internet?')).toBe(true);
    expect(isFollowUp('And for part-time staff?')).toBe(true);
    expect(isFollowUp('What is the policy on phishing emails, who do I tell about them?')).toBe(
      false,
    );
    expect(isFollowUp('Which health insurance plans does the company offer?')).toBe(false);
  });

  it('keeps chains of follow-ups in context through the query each was searched as', () => {
    const chain = [
      { role: 'user' as const, text: 'What is the home office budget?' },
      { role: 'assistant' as const, text: '800 EUR [1].' },
      {
        role: 'user' as const,
        text: 'And internet?',
        query: 'What is the home office budget? And internet?',
      },
      { role: 'assistant' as const, text: '30 EUR a month [1].' },
    ];
    expect(condenseByRule(chain, 'Is it taxed?')).toBe(
      'What is the home office budget? And internet? Is it taxed?',
    );
  });
});

describe('condenseQuestion', () => {
  it('asks the model for a standalone query when there is one', async () => {
    const model = new FakeListChatModel({
      responses: ['How many vacation days do part-time employees get?'],
    });
    expect(await condenseQuestion(model, history, 'And part-time?', undefined)).toBe(
      'How many vacation days do part-time employees get?',
    );
  });

  it('asks the model nothing for a first question or a short input', async () => {
    const model = new FakeListChatModel({ responses: ['should not be used'] });
    const greeting = [{ role: 'assistant' as const, text: 'Hi! Ask me about the handbook.' }];
    expect(await condenseQuestion(model, greeting, 'And part-time?', undefined)).toBe(
      'And part-time?',
    );
    expect(await condenseQuestion(model, history, 'vacation', undefined)).toBe('vacation');
  });

  it('needs no rewriting without history', async () => {
    const model = new FakeListChatModel({ responses: ['should not be used'] });
    expect(await condenseQuestion(model, [], 'Vacation days?', undefined)).toBe('Vacation days?');
  });
});
