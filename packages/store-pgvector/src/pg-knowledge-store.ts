import type {
  ChunkInput,
  ChunkToEmbed,
  DocumentInput,
  DocumentVectors,
  EmbeddingCoverage,
  EmbeddingModel,
  KnowledgeStore,
  ReplaceOutcome,
  SearchHit,
  SearchRequest,
  SpellingCorrection,
  SpellingRequest,
  StoredFingerprint,
  WrittenRows,
} from '@knowhow/rag-core';
import {
  type CollectionSummary,
  type DeletedDocument,
  type DocumentSummary,
  deleteDocuments,
  hasDocuments,
  listCollections,
  listDocuments,
} from './catalog-queries.js';
import type { Database } from './database.js';
import { asDocumentError } from './document-error.js';
import {
  addToVocabulary,
  deleteDocumentsNotIn,
  findFingerprint,
  insertChunks,
  lockDocument,
  upsertDocument,
} from './document-queries.js';
import {
  countCoverage,
  findChunksWithoutEmbedding,
  findModel,
  registerModel,
  upsertEmbeddings,
} from './embedding-queries.js';
import { defaultSearchTuning, type SearchTuning, searchChunks } from './search-query.js';
import { correctSpelling } from './spelling-query.js';
import { refreshStatistics } from './statistics-queries.js';

/** The knowledge store over Postgres + pgvector; the same SQL on a server and on PGlite. */
export class PgKnowledgeStore implements KnowledgeStore {
  readonly #database: Database;
  readonly #tuning: SearchTuning;

  constructor(database: Database, options: { readonly search?: Partial<SearchTuning> } = {}) {
    this.#database = database;
    this.#tuning = { ...defaultSearchTuning, ...options.search };
  }

  get database(): Database {
    return this.#database;
  }

  fingerprint(collection: string, uri: string): Promise<StoredFingerprint | undefined> {
    return findFingerprint(this.#database, collection, uri);
  }

  async replaceDocument(
    document: DocumentInput,
    chunks: readonly ChunkInput[],
    vectors?: DocumentVectors,
  ): Promise<ReplaceOutcome> {
    if (vectors && vectors.values.length !== chunks.length) {
      throw new Error(
        `${vectors.values.length} vectors for ${chunks.length} chunks of ${document.uri}`,
      );
    }
    try {
      return await this.#database.transaction(async (transaction) => {
        await lockDocument(transaction, document.collection, document.uri);
        // Re-checked under the lock: a concurrent ingest may have written the same content.
        const stored = await findFingerprint(transaction, document.collection, document.uri);
        if (
          stored?.contentHash === document.contentHash &&
          stored.chunking === document.chunking &&
          stored.source === document.source
        ) {
          return 'unchanged';
        }
        const { id, inserted } = await upsertDocument(transaction, document);
        const chunkIds = await insertChunks(transaction, id, document.title, chunks);
        if (vectors) {
          const entries = chunkIds.map((chunkId, index) => ({
            chunkId,
            values: vectors.values[index] ?? [],
          }));
          await upsertEmbeddings(transaction, vectors.model, entries);
        }
        await addToVocabulary(transaction, id);
        return inserted ? 'added' : 'updated';
      });
    } catch (error) {
      throw asDocumentError(error, document.source);
    }
  }

  pruneDocuments(request: {
    readonly collection: string;
    readonly uriPrefix: string;
    readonly keep: ReadonlySet<string>;
  }): Promise<string[]> {
    return deleteDocumentsNotIn(
      this.#database,
      request.collection,
      request.uriPrefix,
      request.keep,
    );
  }

  registerEmbeddingModel(name: string, dimensions: number): Promise<EmbeddingModel> {
    return this.#database.transaction((transaction) =>
      registerModel(transaction, name, dimensions),
    );
  }

  findEmbeddingModel(name: string, dimensions: number): Promise<EmbeddingModel | undefined> {
    return findModel(this.#database, name, dimensions);
  }

  embeddingCoverage(model: EmbeddingModel): Promise<EmbeddingCoverage> {
    return countCoverage(this.#database, model);
  }

  chunksWithoutEmbedding(model: EmbeddingModel, limit: number): Promise<ChunkToEmbed[]> {
    return findChunksWithoutEmbedding(this.#database, model, limit);
  }

  saveEmbeddings(
    model: EmbeddingModel,
    entries: readonly { readonly chunkId: number; readonly values: readonly number[] }[],
  ): Promise<void> {
    return upsertEmbeddings(this.#database, model, entries);
  }

  search(request: SearchRequest): Promise<SearchHit[]> {
    return searchChunks(this.#database, request, this.#tuning);
  }

  correctSpelling(request: SpellingRequest): Promise<SpellingCorrection[]> {
    return correctSpelling(this.#database, request, this.#tuning);
  }

  async refreshStatistics(written: WrittenRows): Promise<void> {
    await refreshStatistics(this.#database, written);
  }

  /** How much the knowledge base holds. */
  async stats(): Promise<{ documents: number; chunks: number }> {
    const { rows } = await this.#database.query<{ documents: number; chunks: number }>(
      'SELECT (SELECT count(*) FROM documents)::int AS documents, (SELECT count(*) FROM chunks)::int AS chunks',
    );
    return rows[0] ?? { documents: 0, chunks: 0 };
  }

  /** The collections that hold documents: counts and last change. */
  collections(): Promise<CollectionSummary[]> {
    return listCollections(this.#database);
  }

  /** Whether these collections (any, when empty) hold a document. */
  hasDocuments(collections: readonly string[] = []): Promise<boolean> {
    return hasDocuments(this.#database, collections);
  }

  /** The documents of these collections (all when empty), by collection and source. */
  documents(collections: readonly string[] = []): Promise<DocumentSummary[]> {
    return listDocuments(this.#database, collections);
  }

  /**
   * Deletes documents of these collections (all when empty), only those with the listed
   * sources when given; each with its passages and vectors, in one statement.
   */
  deleteDocuments(request: {
    readonly collections: readonly string[];
    readonly sources?: readonly string[];
  }): Promise<DeletedDocument[]> {
    return deleteDocuments(this.#database, request);
  }

  close(): Promise<void> {
    return this.#database.close();
  }
}
