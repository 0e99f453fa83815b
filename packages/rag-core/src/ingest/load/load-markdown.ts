import { Lexer, type Tokens } from 'marked';
import type { LoadedDocument } from './loaded-document.js';

const frontMatter = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\r?\n?/;

/** Markdown: title from front matter or the first level-1 heading; front matter is not indexed. */
export function loadMarkdown(source: string): LoadedDocument {
  const match = frontMatter.exec(source);
  const markdown = match ? source.slice(match[0].length) : source;
  const title = frontMatterTitle(match?.[1]) ?? firstHeading(markdown);
  return { title, content: { kind: 'markdown', markdown } };
}

function frontMatterTitle(yaml: string | undefined): string | null {
  const line = yaml?.match(/^title:\s*(.+?)\s*$/m)?.[1];
  if (!line) return null;
  return line.replace(/^(['"])(.*)\1$/, '$2').trim() || null;
}

export function firstHeading(markdown: string): string | null {
  for (const token of Lexer.lex(markdown)) {
    if (token.type === 'heading' && token.depth === 1)
      return plainHeading((token as Tokens.Heading).text);
  }
  return null;
}

/** Heading text without inline markdown (emphasis, code, links). */
export function plainHeading(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .trim();
}
