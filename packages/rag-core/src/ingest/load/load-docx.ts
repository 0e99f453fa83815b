import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import { htmlToMarkdown } from './load-html.js';
import { firstHeading } from './load-markdown.js';
import type { LoadedDocument } from './loaded-document.js';
import { unzipBounded } from './unzip-bounded.js';
import { wordTitle, wordTitleStyle } from './word-title.js';

export interface DocxLimits {
  /** Upper bound of the document's XML parts once inflated. */
  readonly maxInflatedBytes: number;
}

// Images, fonts and embedded objects carry no text: they are never inflated.
const isTextPart = (name: string) => /\.(xml|rels)$/i.test(name);
// Without this mammoth inlines every image as a base64 data URI into the HTML.
const dropImages = mammoth.images.imgElement(async () => ({ src: '' }));

/**
 * Word documents through HTML, so Word's heading styles become the heading path and the title
 * is the paragraph in Word's "Title" style, else the first level-1 heading. The archive
 * is inflated within `maxInflatedBytes` first and handed to mammoth uncompressed, so a
 * decompression bomb is refused before any XML is parsed.
 */
export async function loadDocx(bytes: Uint8Array, limits: DocxLimits): Promise<LoadedDocument> {
  const parts = unzipBounded(bytes, { ...limits, keep: isTextPart });
  const stored = zipSync(parts, { level: 0 });
  const { value: html } = await mammoth.convertToHtml(
    { buffer: Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength) },
    { convertImage: dropImages, styleMap: [wordTitleStyle] },
  );
  const markdown = htmlToMarkdown(html);
  return {
    title: wordTitle(html) ?? firstHeading(markdown),
    content: { kind: 'markdown', markdown },
  };
}
