import { describe, expect, it } from '@jest/globals';
import { escapeSlack, toMrkdwn } from './slack-mrkdwn.js';

const joiner = '\u2060';

describe('escapeSlack', () => {
  it('escapes the three control characters, ampersand first', () => {
    expect(escapeSlack('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeSlack('&lt;')).toBe('&amp;lt;');
  });

  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here>', '&lt;!here&gt;'],
    ['<!everyone>', '&lt;!everyone&gt;'],
    ['<@U0123ABC>', '&lt;@U0123ABC&gt;'],
    ['<#C0123ABC>', '&lt;#C0123ABC&gt;'],
    ['<https://evil.example|click me>', '&lt;https://evil.example|click me&gt;'],
    ['<!subteam^S123|@devs>', '&lt;!subteam^S123|@devs&gt;'],
  ])('keeps %s inert', (input, expected) => {
    expect(escapeSlack(input)).toBe(expected);
  });

  it('breaks @here, @channel and @everyone with a word joiner, in any case', () => {
    expect(escapeSlack('ping @here, @channel and @Everyone!')).toBe(
      `ping @${joiner}here, @${joiner}channel and @${joiner}Everyone!`,
    );
  });

  it('leaves other @words alone', () => {
    expect(escapeSlack('@heresy @channels @alice')).toBe('@heresy @channels @alice');
  });

  it('leaves text without Slack syntax unchanged', () => {
    expect(escapeSlack('Parents get 16 weeks [1].')).toBe('Parents get 16 weeks [1].');
  });
});

describe('toMrkdwn', () => {
  it('converts bold, italics and strikethrough', () => {
    expect(toMrkdwn('**bold**, __also bold__, *italic* and ~~gone~~')).toBe(
      '*bold*, *also bold*, _italic_ and ~gone~',
    );
  });

  it('converts italics around bold', () => {
    expect(toMrkdwn('*a **b** c*')).toBe('_a *b* c_');
  });

  it('does not take multiplication or intraword stars for italics', () => {
    expect(toMrkdwn('2 * 3 * 4')).toBe('2 * 3 * 4');
    expect(toMrkdwn('x*y*z')).toBe('x*y*z');
    expect(toMrkdwn('snake_case_name')).toBe('snake_case_name');
  });

  it('removes heading markers, keeping the heading emphasized', () => {
    for (const heading of ['# Setup', '### Setup ###', '###### Setup']) {
      const converted = toMrkdwn(heading);
      expect(converted).not.toContain('#');
      expect(converted).toMatch(/^[*_]Setup[*_]$/);
    }
    expect(toMrkdwn('#hashtag')).toBe('#hashtag');
  });

  it('turns list markers into bullets, keeping indentation', () => {
    expect(toMrkdwn('* one\n- two\n  + nested\n1. numbered')).toBe(
      '• one\n• two\n  • nested\n1. numbered',
    );
    expect(toMrkdwn('* **Bold** item')).toBe('• *Bold* item');
  });

  it('shows links and images as text with their address', () => {
    expect(toMrkdwn('See [the handbook](https://intranet.example/hb "Handbook").')).toBe(
      'See the handbook (https://intranet.example/hb).',
    );
    expect(toMrkdwn('![diagram](https://intranet.example/d.png)')).toBe(
      'diagram (https://intranet.example/d.png)',
    );
    expect(toMrkdwn('[https://a.example](https://a.example)')).toBe('https://a.example');
    expect(toMrkdwn('[](https://a.example)')).toBe('https://a.example');
  });

  it('never makes a Slack link from a Markdown link', () => {
    const converted = toMrkdwn('[click](https://evil.example?a=1&b=<2>)');
    expect(converted).not.toMatch(/[<>]/);
    expect(converted).toBe('click (https://evil.example?a=1&amp;b=&lt;2&gt;)');
  });

  it('keeps code blocks as they are, escaped but not converted', () => {
    expect(toMrkdwn('```\nconst x = a **b** <!here>;\n```\nthen **bold**')).toBe(
      '```\nconst x = a **b** &lt;!here&gt;;\n```\nthen *bold*',
    );
  });

  it('keeps an unclosed code block to the end of the text', () => {
    expect(toMrkdwn('**a**\n```sh\nls *x*\n# not a heading')).toBe(
      '*a*\n```sh\nls *x*\n# not a heading',
    );
  });

  it('lets nothing in the text become Slack syntax', () => {
    const hostile =
      '<!channel> <!here> <!everyone> <@U0123> <#C0123|general> <https://evil.example|docs> @here';
    const converted = toMrkdwn(`**${hostile}**\n\`\`\`\n${hostile}\n\`\`\``);
    expect(converted).not.toMatch(/[<>]/);
    expect(converted).not.toMatch(/@(here|channel|everyone)/);
    expect(converted).toContain('&lt;!channel&gt;');
    expect(converted).toContain(`@${joiner}here`);
  });

  it('escapes markup hidden inside bold and links', () => {
    expect(toMrkdwn('**<!here>**')).toBe('*&lt;!here&gt;*');
    expect(toMrkdwn('[<@U1>](https://a.example)')).toBe('&lt;@U1&gt; (https://a.example)');
  });
});

describe('toMrkdwn, fixed cases', () => {
  it('makes headings bold, keeping a closing # that belongs to the text', () => {
    expect(toMrkdwn('# Title')).toBe('*Title*');
    expect(toMrkdwn('# **Title**')).toBe('*Title*');
    expect(toMrkdwn('## Use C#')).toBe('*Use C#*');
    expect(toMrkdwn('## Closed ##')).toBe('*Closed*');
  });

  it('leaves inline code and words with double underscores alone', () => {
    expect(toMrkdwn('Call `__init__` first')).toBe('Call `__init__` first');
    expect(toMrkdwn('foo__bar__baz')).toBe('foo__bar__baz');
    expect(toMrkdwn('a __bold__ word')).toBe('a *bold* word');
  });

  it('leaves e-mail addresses intact', () => {
    expect(escapeSlack('mail email@here.com or @here')).toBe('mail email@here.com or @\u2060here');
  });
});

describe('toMrkdwn, quotes', () => {
  it('keeps Markdown quotes as Slack quotes, and other > as text', () => {
    expect(toMrkdwn('> Full-time employees get 28 days [1]\n\na > b')).toBe(
      '> Full-time employees get 28 days [1]\n\na &gt; b',
    );
  });
});

describe('toMrkdwn, structures a parser reads', () => {
  it('indents nested lists under their item, numbered ones keeping their numbers', () => {
    expect(toMrkdwn('1. first\n   - a\n     - deep\n   - b\n2. second')).toBe(
      '1. first\n   • a\n     • deep\n   • b\n2. second',
    );
    expect(toMrkdwn('3. three\n4. **four**')).toBe('3. three\n4. *four*');
    expect(toMrkdwn('- [ ] to do\n- [x] done')).toBe('• ☐ to do\n• ☑ done');
  });

  it('keeps code spans as written, with <, >, & and @here inert', () => {
    const converted = toMrkdwn('Use `a < b && c > d @here **x**` now');
    expect(converted).toBe(`Use \`a &lt; b &amp;&amp; c &gt; d @${joiner}here **x**\` now`);
  });

  it('keeps code blocks as written, with <, >, & and @here inert', () => {
    expect(toMrkdwn('```html\n<b>x</b> & @here <!channel> _y_\n```')).toBe(
      `\`\`\`html\n&lt;b&gt;x&lt;/b&gt; &amp; @${joiner}here &lt;!channel&gt; _y_\n\`\`\``,
    );
  });

  it('reads link labels with brackets and addresses with parentheses', () => {
    expect(toMrkdwn('[see [1]](https://x.example/a_(b)) and [[2]](https://y.example)')).toBe(
      'see [1] (https://x.example/a_(b)) and [2] (https://y.example)',
    );
    expect(toMrkdwn('[1]: https://x.example\n\nSee [the guide][1].')).toBe(
      '[1]: https://x.example\n\nSee the guide (https://x.example).',
    );
  });

  it('shows emphasis inside a word as written: Slack formats whole words only', () => {
    expect(toMrkdwn('un**frig**believable, über*straße*, *whole* words')).toBe(
      'un**frig**believable, über*straße*, _whole_ words',
    );
  });

  it('leaves addresses written as text alone', () => {
    expect(toMrkdwn('mail ann@example.com or see https://x.example/a?b=1&c=2')).toBe(
      'mail ann@example.com or see https://x.example/a?b=1&amp;c=2',
    );
    expect(toMrkdwn('<https://evil.example|docs>')).not.toMatch(/[<>]/);
  });

  it('converts the prose of a line that starts with Slack syntax', () => {
    expect(toMrkdwn('<!here> **bold** line')).toBe('&lt;!here&gt; *bold* line');
  });

  it('shows a table as lines of cells, each cell converted', () => {
    expect(toMrkdwn('| a | **b** |\n|---|---|\n| <!here> | [x](https://x.example) |')).toBe(
      'a | *b*\n&lt;!here&gt; | x (https://x.example)',
    );
  });

  it('quotes every line of a quote, lists inside it too', () => {
    expect(toMrkdwn('> quote\n>\n> - item')).toBe('> quote\n>\n> • item');
  });
});
