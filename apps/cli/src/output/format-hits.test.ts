import { describe, expect, it } from '@jest/globals';
import { excerpt } from './format-hits.js';

describe('excerpt', () => {
  it('returns a short passage whole, on one line', () => {
    expect(excerpt('Twenty\n\nvacation   days.', 'vacation')).toBe('Twenty vacation days.');
  });

  it('starts a long passage shortly before the first query word', () => {
    const text = `${'filler words here. '.repeat(40)}Orthodontics is covered up to 1500 EUR. ${'more filler. '.repeat(40)}`;
    const shown = excerpt(text, 'orthodontics coverage', 120);
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).toContain('Orthodontics is covered');
    expect(shown.length).toBeLessThanOrEqual(120);
  });

  it('starts at the beginning when no query word occurs', () => {
    expect(excerpt('a '.repeat(400), 'zzz', 50).startsWith('a a')).toBe(true);
  });
});
