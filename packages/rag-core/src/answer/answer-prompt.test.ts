import { describe, expect, it } from '@jest/globals';
import { answerSystemPrompt } from './answer-prompt.js';

describe('answerSystemPrompt', () => {
  it('asks for an answer per part of a compound question, each part cited', () => {
    const prompt = answerSystemPrompt('b0undary');
    expect(prompt).toContain('answer each part in turn, each with its own citations');
    expect(prompt).toContain('cite it as [n]');
  });
});
