import { plainHeading } from './load-markdown.js';

/**
 * mammoth style map: Word's "Title" paragraph style (which mammoth leaves as a plain
 * paragraph) becomes a level-1 heading marked as the title.
 */
export const wordTitleStyle = "p[style-name='Title'] => h1.document-title:fresh";

/** The text of the first paragraph in Word's "Title" style, from mammoth's HTML. */
export function wordTitle(html: string): string | null {
  const inner = /<h1 class="document-title">([\s\S]*?)<\/h1>/.exec(html)?.[1];
  if (!inner) return null;
  const text = inner
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
  return plainHeading(text) || null;
}
