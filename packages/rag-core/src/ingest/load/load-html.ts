import TurndownService from 'turndown';
import { limitNesting } from './limit-nesting.js';
import { firstHeading } from './load-markdown.js';
import type { LoadedDocument } from './loaded-document.js';

// Converting to markdown keeps the heading structure for chunking and drops the markup.
function createTurndown(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
  });
  service.remove(['head', 'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'nav']);
  // Markdown escapes (`1\.`, `\_`) would end up in passages and the search index.
  service.escape = (text: string) => text;
  // Inlined images (data: URIs, megabytes of base64) and Word images, which are dropped, are
  // no text: only their alt text is kept.
  service.addRule('inlineImage', {
    filter: 'img',
    replacement: (_content, node) => {
      const [source, alt] = [attribute(node, 'src'), attribute(node, 'alt')];
      return /^https?:/i.test(source) ? `![${alt}](${source})` : alt;
    },
  });
  return service;
}

// Turndown's DOM types need the DOM lib; this is the one method used.
function attribute(node: unknown, name: string): string {
  return (node as { getAttribute(name: string): string | null }).getAttribute(name) ?? '';
}

let turndown: TurndownService | undefined;

/** HTML to markdown, elements nested deeper than browsers allow flattened. */
export function htmlToMarkdown(html: string): string {
  turndown ??= createTurndown();
  return turndown.turndown(limitNesting(html));
}

/** Title from `<title>`, else the first level-1 heading. */
export function loadHtml(html: string): LoadedDocument {
  const markdown = htmlToMarkdown(html);
  const title = titleElement(html) ?? firstHeading(markdown);
  return { title, content: { kind: 'markdown', markdown } };
}

function titleElement(html: string): string | null {
  const text = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  if (!text) return null;
  return decodeEntities(text).replace(/\s+/g, ' ').trim() || null;
}

const entities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return entities[name.toLowerCase()] ?? whole;
  });
}
