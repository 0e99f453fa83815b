import { describe, expect, it } from '@jest/globals';
import { escapeLinkLabel, escapeTeams, toTeamsMarkdown } from './teams-markdown.js';

describe('escapeTeams', () => {
  it('makes HTML and Teams tags inert', () => {
    expect(escapeTeams('<at>Ann</at> <b>bold</b> <script>alert(1)</script>')).toBe(
      '&lt;at&gt;Ann&lt;/at&gt; &lt;b&gt;bold&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;',
    );
  });

  it('leaves text without angle brackets as it is', () => {
    expect(escapeTeams('Parents get **16 weeks** [1] & more.')).toBe(
      'Parents get **16 weeks** [1] & more.',
    );
    expect(escapeTeams('')).toBe('');
  });
});

describe('escapeLinkLabel', () => {
  it('keeps a title from closing the link label', () => {
    expect(escapeLinkLabel('Guide [draft]')).toBe('Guide \\[draft\\]');
    expect(escapeLinkLabel('a\\b')).toBe('a\\\\b');
    expect(escapeLinkLabel('x](https://evil.example) [y')).toBe('x\\](https://evil.example) \\[y');
  });

  it('escapes tags too', () => {
    expect(escapeLinkLabel('<at>Ann</at>')).toBe('&lt;at&gt;Ann&lt;/at&gt;');
  });
});

describe('toTeamsMarkdown', () => {
  it('keeps Markdown emphasis, lists and citations', () => {
    const markdown = 'Parents get **16 weeks** [1].\n\n- one _a_\n- two [2]';
    expect(toTeamsMarkdown(markdown)).toBe(markdown);
  });

  it.each([
    ['<at>Everyone</at> read this', '&lt;at&gt;Everyone&lt;/at&gt; read this'],
    ['<b>bold</b>', '&lt;b&gt;bold&lt;/b&gt;'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['a < b and c > d', 'a &lt; b and c &gt; d'],
  ])('escapes tags in %j', (markdown, expected) => {
    expect(toTeamsMarkdown(markdown)).toBe(expected);
  });

  it('never leaves a tag outside code', () => {
    const markdown = 'Hi <at>Ann</at>\n\n<b>x</b> [a](https://x.example) <script>y</script>';
    expect(toTeamsMarkdown(markdown)).not.toMatch(/<[a-z/]/i);
  });

  it('turns links into their label and address', () => {
    expect(toTeamsMarkdown('See [the handbook](https://intranet.example/hb).')).toBe(
      'See the handbook (https://intranet.example/hb).',
    );
  });

  it('drops a link title and shows an image as its description and address', () => {
    expect(toTeamsMarkdown('[Guide](https://x.example/g "The guide")')).toBe(
      'Guide (https://x.example/g)',
    );
    expect(toTeamsMarkdown('![Org chart](https://x.example/chart.png)')).toBe(
      'Org chart (https://x.example/chart.png)',
    );
  });

  it('shows the address once when the label is empty or the address itself', () => {
    expect(toTeamsMarkdown('[](https://x.example)')).toBe('https://x.example');
    expect(toTeamsMarkdown('[https://x.example](https://x.example)')).toBe('https://x.example');
  });

  it('does not link other schemes either', () => {
    expect(toTeamsMarkdown('[click](javascript:alert(1))')).toBe('click (javascript:alert(1))');
  });

  it('turns every link of a text', () => {
    expect(toTeamsMarkdown('[a](https://a.example) and [b](https://b.example)')).toBe(
      'a (https://a.example) and b (https://b.example)',
    );
  });

  it('keeps quote markers, unescaped, at the start of lines', () => {
    expect(toTeamsMarkdown('> Parents get 16 weeks.\n>Quoted\nnot > a quote')).toBe(
      '> Parents get 16 weeks.\n> Quoted\nnot &gt; a quote',
    );
  });

  it('escapes tags inside a quote', () => {
    expect(toTeamsMarkdown('> <at>Ann</at> said')).toBe('> &lt;at&gt;Ann&lt;/at&gt; said');
  });

  it('escapes tags inside code too: where Markdown sees code is not bet on', () => {
    expect(toTeamsMarkdown('Use `<br>` or `a > b`, not <br>.')).toBe(
      'Use `&lt;br&gt;` or `a &gt; b`, not &lt;br&gt;.',
    );
    expect(toTeamsMarkdown('\\`<b>x</b>\\`')).toBe('\\`&lt;b&gt;x&lt;/b&gt;\\`');
    expect(toTeamsMarkdown('Hello ```<script>x</script>')).toBe(
      'Hello ```&lt;script&gt;x&lt;/script&gt;',
    );
  });

  it('shows links as text inside code and with brackets in the label', () => {
    expect(toTeamsMarkdown('```\n[x](https://x.example)\n```')).toBe(
      '```\nx (https://x.example)\n```',
    );
    expect(toTeamsMarkdown('[`code`](https://evil.example)')).toBe('`code` (https://evil.example)');
    expect(toTeamsMarkdown('[see [1]](https://evil.example)')).toBe(
      'see [1] (https://evil.example)',
    );
  });

  it('keeps quotes, nested ones too, only at the start of a line', () => {
    expect(toTeamsMarkdown('> a\n>> b\n`x`>y')).toBe('> a\n> > b\n`x`&gt;y');
  });

  it('does not take a lone backtick for code', () => {
    expect(toTeamsMarkdown("it's ` <b>x</b>")).toBe("it's ` &lt;b&gt;x&lt;/b&gt;");
    expect(toTeamsMarkdown('`a\n<b>`')).toBe('`a\n&lt;b&gt;`');
  });

  it('keeps an empty text empty', () => {
    expect(toTeamsMarkdown('')).toBe('');
  });
});
