import { describe, expect, it } from '@jest/globals';
import { inertMarkdown } from './inert-markdown.js';

const joiner = '\u2060';

describe('inertMarkdown', () => {
  it('keeps Markdown formatting, which Slack renders in a stream', () => {
    expect(inertMarkdown('Parents get **16 weeks** [1].\n\n- one\n- two')).toBe(
      'Parents get **16 weeks** [1].\n\n- one\n- two',
    );
  });

  it('shows links as text with their address, never as links', () => {
    expect(inertMarkdown('see [the menu](https://evil.example/menu)')).not.toMatch(
      /\]\(|https:\/\//,
    );
    expect(inertMarkdown('see [the menu](https://evil.example/menu)')).toBe(
      `see the menu (https:${joiner}//evil.example/menu)`,
    );
    expect(inertMarkdown('or https://evil.example')).toBe(`or https:${joiner}//evil.example`);
  });

  it('breaks Slack syntax and broadcasts from documents', () => {
    const text = inertMarkdown('<!channel> <@U999BOSS> <https://evil.example|fix> @everyone');
    expect(text).not.toMatch(/<[!@#h]/);
    expect(text).not.toMatch(/@everyone/);
    expect(text).toContain(`<${joiner}!channel>`);
  });
});
