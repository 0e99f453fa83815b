import { describe, expect, it } from '@jest/globals';
import { markdownSections } from './markdown-sections.js';

describe('markdownSections', () => {
  it('gives each section the path of headings above it', () => {
    const sections = markdownSections(
      [
        '# Handbook',
        'Intro.',
        '## Leave',
        '### Vacation',
        'Twenty days.',
        '### Sick leave',
        'Ten days.',
        '## Travel',
        'Book early.',
      ].join('\n\n'),
    );
    expect(sections).toEqual([
      { headings: ['Handbook'], text: 'Intro.' },
      { headings: ['Handbook', 'Leave', 'Vacation'], text: 'Twenty days.' },
      { headings: ['Handbook', 'Leave', 'Sick leave'], text: 'Ten days.' },
      { headings: ['Handbook', 'Travel'], text: 'Book early.' },
    ]);
  });

  it('does not split at a heading inside a code block', () => {
    const sections = markdownSections('# Setup\n\n```sh\n# not a heading\nnpm ci\n```\n');
    expect(sections).toHaveLength(1);
    expect(sections[0]?.text).toContain('# not a heading');
  });

  it('keeps text before the first heading without a heading path', () => {
    expect(markdownSections('Preface.\n\n# One\n\nBody.')[0]).toEqual({
      headings: [],
      text: 'Preface.',
    });
  });

  it('strips inline markup from headings', () => {
    expect(markdownSections('# **Pay** and `bonus`\n\nText.')[0]?.headings).toEqual([
      'Pay and bonus',
    ]);
  });
});
