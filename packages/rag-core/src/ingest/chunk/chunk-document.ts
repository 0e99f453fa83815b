import type { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { ChunkInput } from '../../store/knowledge-store.js';
import type { LoadedDocument, LoadedPage } from '../load/loaded-document.js';
import { countTokens } from './count-tokens.js';
import { markdownSections } from './markdown-sections.js';

export interface ChunkingOptions {
  /** Upper bound of a passage, in cl100k tokens. */
  readonly chunkTokens?: number;
  /** Tokens repeated between neighbouring passages of a long section. */
  readonly overlapTokens?: number;
}

export const defaultChunking = { chunkTokens: 300, overlapTokens: 45 } as const;

/** Identifies the chunking rules; stored per document so a change re-chunks unchanged files. */
export function chunkingSignature(options: ChunkingOptions = {}): string {
  const { chunkTokens, overlapTokens } = { ...defaultChunking, ...options };
  // v2: PDF passages are cut at page breaks to span at most two pages, and keep the breaks.
  // v3: a piece cut off at a page break that the next passage covers whole is dropped.
  return `v3:${chunkTokens}/${overlapTokens}`;
}

/** Token-bounded passages that keep their heading path (structured text) or page range (PDF). */
export async function chunkDocument(
  document: LoadedDocument,
  options: ChunkingOptions = {},
): Promise<ChunkInput[]> {
  const { chunkTokens, overlapTokens } = { ...defaultChunking, ...options };
  // Loaded on first use, like the parsers: searching never needs it.
  const { RecursiveCharacterTextSplitter } = await import('@langchain/textsplitters');
  const splitterOptions = {
    chunkSize: chunkTokens,
    chunkOverlap: overlapTokens,
    // The splitter measures a section at every separator level before splitting it; text of
    // 40 characters per allowed token is over the limit anyway (runs are cut at 32).
    lengthFunction: (text: string) =>
      text.length > chunkTokens * 40 ? text.length : countTokens(text),
  };
  const { content } = document;
  switch (content.kind) {
    case 'markdown': {
      const splitter = RecursiveCharacterTextSplitter.fromLanguage('markdown', splitterOptions);
      const chunks: ChunkInput[] = [];
      for (const section of markdownSections(content.markdown)) {
        const heading = section.headings.length > 0 ? section.headings.join(' > ') : null;
        for (const text of await splitter.splitText(section.text)) {
          chunks.push(passage(text, heading, null, null));
        }
      }
      return chunks;
    }
    case 'text': {
      const splitter = new RecursiveCharacterTextSplitter(splitterOptions);
      const texts = await splitter.splitText(content.text.trim());
      return texts.map((text) => passage(text, null, null, null));
    }
    case 'pages':
      return chunkPages(content.pages, new RecursiveCharacterTextSplitter(splitterOptions));
  }
}

/**
 * Pages are joined before splitting so a paragraph that runs over a page break stays in one
 * passage; each passage's offsets in the joined text give its page range and where in it each
 * later page begins. A piece that would cover three pages or more is cut at page breaks, so a
 * citation names at most two pages; a cut piece the next chunk covers whole is dropped.
 */
async function chunkPages(
  pages: readonly LoadedPage[],
  splitter: RecursiveCharacterTextSplitter,
): Promise<ChunkInput[]> {
  // Where each page with text starts in the joined text, with its real number.
  const starts: { offset: number; number: number }[] = [];
  let joined = '';
  for (const page of pages) {
    const text = page.text.trim();
    if (!text) continue;
    if (joined) joined += '\n\n';
    starts.push({ offset: joined.length, number: page.number });
    joined += text;
  }
  const pageAt = (offset: number): number => {
    let index = 0;
    while (index + 1 < starts.length && (starts[index + 1]?.offset ?? Infinity) <= offset) {
      index += 1;
    }
    return starts[index]?.number ?? 1;
  };
  // Each splitter chunk's [start, end) in the joined text.
  const ranges: { start: number; end: number }[] = [];
  let cursor = 0;
  for (const text of await splitter.splitText(joined)) {
    const found = joined.indexOf(text, cursor);
    const start = found >= 0 ? found : cursor;
    ranges.push({ start, end: start + text.length });
    cursor = start + 1;
  }
  const chunks: ChunkInput[] = [];
  for (const [index, range] of ranges.entries()) {
    const next = ranges[index + 1];
    for (const piece of withinTwoPages(joined, range.start, range.end, starts, pageAt)) {
      // A piece cut off a chunk's end (a few tokens of its third page) that the next chunk
      // covers whole is left out: kept, it would be a tiny duplicate, and the next chunk's
      // overlap starting pages before it would make neighbours that go back in the document.
      if (next && next.start <= piece.start && piece.end <= next.end) continue;
      const pieceText = joined.slice(piece.start, piece.end);
      const first = pageAt(piece.start);
      const last = pageAt(piece.end - 1);
      // One offset per later page number, so the page of any offset is pageStart plus the
      // breaks at or before it (a page without text begins where the next one does).
      const breaks = Array.from({ length: last - first }, (_, page) => {
        const begins = starts.find((start) => start.number > first + page);
        return (begins?.offset ?? piece.end) - piece.start;
      });
      chunks.push({
        ...passage(pieceText, null, first, last),
        ...(breaks.length > 0 ? { pageBreaks: breaks } : {}),
      });
    }
  }
  return chunks;
}

/** [start, end) of the joined text, cut where a page would be its third; trimmed, non-empty. */
function withinTwoPages(
  joined: string,
  start: number,
  end: number,
  starts: readonly { readonly offset: number; readonly number: number }[],
  pageAt: (offset: number) => number,
): { start: number; end: number }[] {
  const pieces: { start: number; end: number }[] = [];
  let from = start;
  while (from < end) {
    const first = pageAt(from);
    const cut = starts.find((page) => page.offset > from && page.number > first + 1)?.offset;
    const to = cut !== undefined && cut < end ? cut : end;
    // The blank line before a page break stays out of both pieces.
    const text = joined.slice(from, to);
    const lead = text.length - text.trimStart().length;
    const trail = text.length - text.trimEnd().length;
    if (lead + trail < text.length) pieces.push({ start: from + lead, end: to - trail });
    from = to;
  }
  return pieces;
}

function passage(
  text: string,
  heading: string | null,
  pageStart: number | null,
  pageEnd: number | null,
): ChunkInput {
  return { text, heading, pageStart, pageEnd, tokenCount: countTokens(text) };
}
