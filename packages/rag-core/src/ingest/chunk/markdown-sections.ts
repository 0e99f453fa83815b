import { Lexer, type Tokens } from 'marked';
import { plainHeading } from '../load/load-markdown.js';

export interface MarkdownSection {
  /** Headings from the outermost down, e.g. ['Leave', 'Vacation']; empty before the first heading. */
  readonly headings: readonly string[];
  readonly text: string;
}

/**
 * Splits markdown at its headings. Headings inside code blocks or lists are not section
 * boundaries because the lexer sees them as part of those blocks.
 */
export function markdownSections(markdown: string): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  const path: { depth: number; text: string }[] = [];
  let body = '';
  const flush = () => {
    if (body.trim())
      sections.push({ headings: path.map((heading) => heading.text), text: body.trim() });
    body = '';
  };
  for (const token of Lexer.lex(markdown)) {
    if (token.type !== 'heading') {
      body += token.raw;
      continue;
    }
    flush();
    // marked's Token union includes a generic member, so the heading is narrowed explicitly.
    const heading = token as Tokens.Heading;
    while (path.length > 0 && (path.at(-1)?.depth ?? 0) >= heading.depth) path.pop();
    path.push({ depth: heading.depth, text: plainHeading(heading.text) });
  }
  flush();
  return sections;
}
