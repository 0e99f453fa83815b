import { createHash } from 'node:crypto';
import type { ActiveEmbedder } from '../embed/active-embedder.js';
import { embedPassages } from '../embed/embed-passages.js';
import { asKnowhowError, describeError, isKnowhowError, type KnowhowError } from '../errors.js';
import { mediaTypeOf } from '../ingest/file-formats.js';
import type { DocumentPreparer } from '../ingest/prepare/document-preparer.js';
import type { Log } from '../log-event.js';
import type {
  ChunkInput,
  DocumentVectors,
  KnowledgeStore,
  ReplaceOutcome,
} from '../store/knowledge-store.js';
import { anchorChunks } from './anchor-chunks.js';
import { parseItem } from './parse-item.js';
import type { ItemContent, Source, SourceItem } from './source.js';
import { sourceUri } from './source-uri.js';
import type { SourceClaim, SourceIdentity } from './sync-store.js';

/** What one pass over one source shares between its items. */
export interface SyncRun {
  readonly store: KnowledgeStore;
  readonly log: Log | undefined;
  readonly source: Source;
  readonly identity: SourceIdentity;
  readonly claim: SourceClaim;
  readonly preparer: DocumentPreparer;
  readonly chunkingSignature: string;
  readonly maxItemBytes: number;
  readonly signal: AbortSignal;
  /** Cleared after the first embedding failure, so one outage is not retried for every item. */
  embedder: ActiveEmbedder | undefined;
  embeddingProblem: string | undefined;
}

/** What became of one item: written (or found unchanged), or failed with its own problem. */
export type ItemWritten = { readonly outcome: ReplaceOutcome } | { readonly failure: KnowhowError };

/**
 * Downloads, parses, embeds and writes one item in one transaction, then records its version.
 * A problem of the item (the source refused it, it does not parse, the database refused its
 * text) resolves as its `failure`, to be reported and skipped; a rejection (the database is
 * gone) ends the pass.
 */
export async function writeItem(run: SyncRun, item: SourceItem): Promise<ItemWritten> {
  const uri = sourceUri(run.identity.name, item.id);
  let content: ItemContent;
  let chunks: ChunkInput[];
  try {
    content = await run.source.fetch(item, run.signal);
    chunks = await parseItem(content, {
      preparer: run.preparer,
      maxBytes: run.maxItemBytes,
      name: item.title,
      signal: run.signal,
    });
  } catch (error) {
    // Stopping is not a failure of the item: it is simply left for the next pass.
    if (run.signal.aborted) throw error;
    return { failure: asKnowhowError(error) };
  }
  if (content.anchors) chunks = anchorChunks(chunks, content.anchors);
  const source = `${run.identity.name}:${item.path}`;
  const title = content.title ?? item.title;
  const permissions = content.permissions ?? item.permissions;
  const metadata = {
    sync: { source: run.identity.name, type: run.identity.type, id: item.id },
    ...(item.modifiedAt ? { modifiedAt: item.modifiedAt } : {}),
    ...(item.author ? { author: item.author } : {}),
    ...(permissions === undefined ? {} : { permissions }),
  };
  // Everything stored with the document is in the hash: a rename or a permission change is
  // an update even when the text is the same.
  const contentHash = createHash('sha256')
    .update(JSON.stringify({ title, url: item.url, source, metadata }))
    .update(content.bytes)
    .digest('hex');
  const vectors = await embedIfPossible(run, title, chunks);
  let outcome: ReplaceOutcome;
  try {
    outcome = await run.store.replaceDocument(
      {
        collection: run.identity.collection,
        uri,
        source,
        title,
        url: item.url,
        contentHash,
        chunking: run.chunkingSignature,
        mediaType: content.mediaType ?? mediaTypeOf(content.format),
        sizeBytes: content.bytes.byteLength,
        metadata,
      },
      chunks,
      vectors,
    );
  } catch (error) {
    // The store turns text Postgres cannot hold into a KnowhowError: a problem of this item.
    if (isKnowhowError(error)) return { failure: error };
    throw error;
  }
  await run.claim.saveItem({
    id: item.id,
    uri,
    version: item.version,
    chunking: run.chunkingSignature,
    title,
    url: item.url,
    state: item.state ?? null,
  });
  return { outcome };
}

async function embedIfPossible(
  run: SyncRun,
  title: string,
  chunks: readonly ChunkInput[],
): Promise<DocumentVectors | undefined> {
  const embedder = run.embedder;
  if (!embedder) return undefined;
  try {
    const passages = chunks.map((chunk) => ({ title, heading: chunk.heading, text: chunk.text }));
    const values = await embedPassages(embedder, passages, { log: run.log });
    return { model: embedder.model, values };
  } catch (error) {
    // Keep the document (keyword-searchable); the backfill after the pass adds its vectors.
    run.embedder = undefined;
    run.embeddingProblem = describeError(error);
    return undefined;
  }
}
