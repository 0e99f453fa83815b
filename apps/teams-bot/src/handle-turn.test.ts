import { describe, expect, it } from '@jest/globals';
import { scopeIdOf } from './scope-id.js';

describe('scopeIdOf', () => {
  it("strips a channel thread's message id", () => {
    expect(scopeIdOf('19:abc@thread.tacv2;messageid=1712345678901')).toBe('19:abc@thread.tacv2');
  });

  it('keeps a conversation id without one', () => {
    expect(scopeIdOf('a:1Xyz-personal-chat')).toBe('a:1Xyz-personal-chat');
    expect(scopeIdOf('19:meeting_abc@thread.v2')).toBe('19:meeting_abc@thread.v2');
  });

  it('keeps an empty id empty', () => {
    expect(scopeIdOf('')).toBe('');
  });
});
