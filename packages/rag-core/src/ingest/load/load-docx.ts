import mammoth from 'mammoth';
import { htmlToMarkdown } from './load-html.js';
import { firstHeading } from './load-markdown.js';
import type { LoadedDocument } from './loaded-document.js';

/** Word documents through HTML, so Word's heading styles become the heading path. */
export async function loadDocx(bytes: Uint8Array): Promise<LoadedDocument> {
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  const markdown = htmlToMarkdown(html);
  return { title: firstHeading(markdown), content: { kind: 'markdown', markdown } };
}
