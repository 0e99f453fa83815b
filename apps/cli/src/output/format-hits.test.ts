import { describe, expect, it } from '@jest/globals';
import { describeLocation, excerpt } from './format-hits.js';

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

describe('describeLocation', () => {
  it('names a page, a page range or the heading path', () => {
    expect(describeLocation({ pageStart: 7, pageEnd: 7, heading: null })).toBe('p. 7');
    expect(describeLocation({ pageStart: 7, pageEnd: 8, heading: null })).toBe('pp. 7–8');
    expect(describeLocation({ pageStart: null, pageEnd: null, heading: 'Leave > Vacation' })).toBe(
      'Leave > Vacation',
    );
  });
});
