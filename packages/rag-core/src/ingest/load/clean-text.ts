import type { LoadedDocument } from './loaded-document.js';

/**
 * Text Postgres can store: NUL characters (some PDFs map glyphs to U+0000) are removed and
 * lone surrogates become U+FFFD. Without this one odd character fails the whole document.
 */
export function cleanText(text: string): string {
  return text.replaceAll('\u0000', '').toWellFormed();
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
