import type { ChunkInput, DocumentInput } from '@knowhow/rag-core';

/** A document row for store tests; `uri` and content hash derive from `source`. */
export function sampleDocument(
  source: string,
  overrides: Partial<DocumentInput> = {},
): DocumentInput {
  return {
    collection: 'default',
    uri: `file:///docs/${source}`,
    source,
    title: source.replace(/\.\w+$/, ''),
    url: null,
    contentHash: `hash-of-${source}`,
    chunking: 'v1:300/45',
    mediaType: 'text/markdown',
    sizeBytes: 100,
    metadata: {},
    ...overrides,
  };
}

export function sampleChunk(text: string, overrides: Partial<ChunkInput> = {}): ChunkInput {
  return {
    text,
    heading: null,
    pageStart: null,
    pageEnd: null,
    tokenCount: text.split(/\s+/).length,
    ...overrides,
  };
}
