import type { LoadedDocument } from './loaded-document.js';

/**
 * Text Postgres can store: NUL characters (some PDFs map glyphs to U+0000) are removed and
 * lone surrogates become U+FFFD. Without this one odd character fails the whole document.
 */
export function cleanText(text: string): string {
  return normalizeWhitespace(text.replaceAll('\u0000', '').toWellFormed());
}

/**
 * Long runs of one character cost the tokenizer (and so the splitter) quadratic time: a
 * 600-space line took 90 ms, a padded 300 KB file minutes. Runs that carry no meaning are
 * cut before splitting: line breaks become `\n`; horizontal whitespace over 16 characters
 * becomes one space (16 at the start of a line, so indentation still reads as such); more
 * than one blank line becomes one; any other character repeated over 32 times is cut to 32
 * (dot leaders, rules of `=`); a "word" of 256 characters or more (base64, minified code) gets
 * a space every 128, which the splitter needs to cut it anywhere but character by character.
 * Markup is not cut into words (`breakLongWords: false`): a space inside minified HTML would
 * break its tags; its text is cut once extracted.
 */
export function normalizeWhitespace(
  text: string,
  { breakLongWords = true }: { readonly breakLongWords?: boolean } = {},
): string {
  const runs = text
    .replace(/\r\n?|[\v\f\u2028\u2029]/g, '\n')
    .replace(/^[^\S\n]{17,}/gm, ' '.repeat(16))
    .replace(/[^\S\n]{17,}/g, ' ')
    .replace(/\n[^\S\n]*\n(?:[^\S\n]*\n)+/g, '\n\n')
    .replace(/(\S)\1{32,}/gu, (_run: string, character: string) => character.repeat(32));
  return breakLongWords
    ? runs.replace(/\S{256,}/gu, (run) => run.replace(/\S{128}(?=\S)/gu, '$& '))
    : runs;
}

export function cleanDocument(document: LoadedDocument): LoadedDocument {
  const title = document.title === null ? null : cleanText(document.title);
  const { content } = document;
  switch (content.kind) {
    case 'markdown':
      return { title, content: { kind: 'markdown', markdown: cleanText(content.markdown) } };
    case 'text':
      return { title, content: { kind: 'text', text: cleanText(content.text) } };
    case 'pages':
      return {
        title,
        content: {
          kind: 'pages',
          pages: content.pages.map((page) => ({ ...page, text: cleanText(page.text) })),
        },
      };
  }
}

/** The number of characters of text a document holds. */
export function textLength(document: LoadedDocument): number {
  const { content } = document;
  switch (content.kind) {
    case 'markdown':
      return content.markdown.length;
    case 'text':
      return content.text.length;
    case 'pages':
      return content.pages.reduce((sum, page) => sum + page.text.length, 0);
  }
}
