import { describe, expect, it } from '@jest/globals';
import { KnowhowError } from '../../errors.js';
import type { DocumentFormat } from '../file-formats.js';
import { makeDocx } from '../../testing/make-docx.js';
import { makePdf } from '../../testing/make-pdf.js';
import { loadDocument } from './load-document.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('loadDocument', () => {
  it('takes a markdown title from front matter and leaves the front matter out', async () => {
    const loaded = await loadDocument(
      'markdown',
      utf8('---\ntitle: "Leave policy"\nowner: hr\n---\n# Leave\n\nTwenty days.'),
    );
    expect(loaded.title).toBe('Leave policy');
    expect(loaded.content).toEqual({ kind: 'markdown', markdown: '# Leave\n\nTwenty days.' });
  });

  it('takes a markdown title from the first level-1 heading', async () => {
    const loaded = await loadDocument(
      'markdown',
      utf8('Intro\n\n## Not this\n\n# Travel policy\n\nBook early.'),
    );
    expect(loaded.title).toBe('Travel policy');
  });

  it('turns HTML into markdown with its headings, title from <title>, without scripts or navigation', async () => {
    const html =
      '<html><head><title>IT &amp; Security</title><script>alert(1)</script></head><body><nav>Home | About</nav><h1>Passwords</h1><p>Use a manager.</p><h2>Rotation</h2><p>Every 90 days.</p></body></html>';
    const loaded = await loadDocument('html', utf8(html));
    expect(loaded.title).toBe('IT & Security');
    if (loaded.content.kind !== 'markdown') throw new Error('expected markdown');
    expect(loaded.content.markdown).toContain('# Passwords');
    expect(loaded.content.markdown).toContain('## Rotation');
    expect(loaded.content.markdown).not.toMatch(/alert|Home \| About/);
  });

  it('reads minified HTML whose tags run together for hundreds of characters', async () => {
    const cells = Array.from({ length: 40 }, (_, index) => `<td><b>cell${index}</b></td>`);
    const html = `<table><tr>${cells.join('')}</tr></table><p><b>Closing</b></p>`;
    const loaded = await loadDocument('html', utf8(html));
    if (loaded.content.kind !== 'markdown') throw new Error('expected markdown');
    expect(loaded.content.markdown).toContain('**cell39**');
    expect(loaded.content.markdown).not.toMatch(/[<>]/);
  });

  it('flattens HTML nested deeper than browsers allow and keeps its text', async () => {
    const html = `${'<div>'.repeat(100_000)}deepest words${'</div>'.repeat(100_000)}<p>after</p>`;
    const loaded = await loadDocument('html', utf8(html));
    if (loaded.content.kind !== 'markdown') throw new Error('expected markdown');
    expect(loaded.content.markdown).toBe('deepest words\n\nafter');
  });

  it('reads a PDF page by page with page numbers', async () => {
    const pdf = await makePdf([
      ['First page about vacation.'],
      ['Second page about sick leave.'],
      ['Third page.'],
    ]);
    const loaded = await loadDocument('pdf', pdf);
    if (loaded.content.kind !== 'pages') throw new Error('expected pages');
    expect(loaded.content.pages.map((page) => page.number)).toEqual([1, 2, 3]);
    expect(loaded.content.pages[1]?.text).toContain('sick leave');
  });

  it('leaves out the running header and footer of a PDF', async () => {
    const texts = ['Vacation is 25 days.', 'Sick leave needs a note.', 'Travel by train.'];
    const pdf = await makePdf(
      texts.map((text, index) => ['Contoso Handbook 2026', text, `Page ${index + 1} of 3`]),
    );
    const loaded = await loadDocument('pdf', pdf);
    if (loaded.content.kind !== 'pages') throw new Error('expected pages');
    expect(loaded.content.pages.map((page) => page.text.trim())).toEqual(texts);
  });

  it('uses a PDF title from its info dictionary unless it is a file name', async () => {
    expect(
      (await loadDocument('pdf', await makePdf([['x']], { title: 'Benefits Guide' }))).title,
    ).toBe('Benefits Guide');
    expect(
      (await loadDocument('pdf', await makePdf([['x']], { title: 'export.docx' }))).title,
    ).toBeNull();
  });

  it('keeps Word heading styles as markdown headings', async () => {
    const docx = await makeDocx([
      { heading: 'Expenses', level: 1, paragraphs: ['Submit receipts monthly.'] },
      { heading: 'Meals', level: 2, paragraphs: ['Up to 50 EUR a day.'] },
    ]);
    const loaded = await loadDocument('docx', docx);
    expect(loaded.title).toBe('Expenses');
    if (loaded.content.kind !== 'markdown') throw new Error('expected markdown');
    expect(loaded.content.markdown).toMatch(/# Expenses[\s\S]*## Meals[\s\S]*50 EUR/);
  });

  it('takes a Word title from the paragraph in Word’s Title style', async () => {
    const docx = await makeDocx(
      [{ heading: 'Booking', level: 1, paragraphs: ['Book trains two weeks ahead.'] }],
      { title: 'Travel Policy 2024' },
    );
    const loaded = await loadDocument('docx', docx);
    expect(loaded.title).toBe('Travel Policy 2024');
    if (loaded.content.kind !== 'markdown') throw new Error('expected markdown');
    expect(loaded.content.markdown).toMatch(/# Booking[\s\S]*two weeks ahead/);
  });

  it.each<[DocumentFormat, string, RegExp]>([
    ['pdf', '%PDF-1.7\n1 0 obj garbage', /could not be parsed as PDF/],
    ['docx', 'PK\u0003\u0004 this is not a zip archive', /not a valid Word \(.docx\) file/],
  ])('reports a corrupt %s as parse_failed', async (format, content, message) => {
    const error = await loadDocument(format, utf8(content)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KnowhowError);
    expect(error).toMatchObject({ code: 'parse_failed', message: expect.stringMatching(message) });
  });
});
