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
  return `v1:${chunkTokens}/${overlapTokens}`;
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
 * passage; each passage's offsets in the joined text give its page range.
 */
async function chunkPages(
  pages: readonly LoadedPage[],
  splitter: RecursiveCharacterTextSplitter,
): Promise<ChunkInput[]> {
  const starts: number[] = [];
  let joined = '';
  for (const page of pages) {
    const text = page.text.trim();
    if (!text) continue;
    if (joined) joined += '\n\n';
    starts.push(joined.length);
    joined += text;
  }
  const numbers = pages.filter((page) => page.text.trim()).map((page) => page.number);
  const pageAt = (offset: number): number => {
    let index = 0;
    while (index + 1 < starts.length && (starts[index + 1] ?? Infinity) <= offset) index += 1;
    return numbers[index] ?? 1;
  };
  const chunks: ChunkInput[] = [];
  let cursor = 0;
  for (const text of await splitter.splitText(joined)) {
    const found = joined.indexOf(text, cursor);
    const start = found >= 0 ? found : cursor;
    chunks.push(passage(text, null, pageAt(start), pageAt(start + text.length - 1)));
    cursor = start + 1;
  }
  return chunks;
}

function passage(
  text: string,
  heading: string | null,
  pageStart: number | null,
  pageEnd: number | null,
): ChunkInput {
  return { text, heading, pageStart, pageEnd, tokenCount: countTokens(text) };
}
