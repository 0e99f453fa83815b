/**
 * The store port: only what rag-core calls. store-pgvector implements it over Postgres or
 * PGlite; anything else that can run hybrid search could too.
 */

/** A registered embedding model. Vectors are kept per model, so switching models never mixes them. */
export interface EmbeddingModel {
  readonly id: number;
  readonly name: string;
  readonly dimensions: number;
}

export interface DocumentInput {
  readonly collection: string;
  /** Identity within a collection: `file:///absolute/path` or an `https://` address. */
  readonly uri: string;
  /** Shown to users: the path relative to the ingest root, or the URL. */
  readonly source: string;
  readonly title: string;
  /** A link for citations, when the document has one. */
  readonly url: string | null;
  readonly contentHash: string;
  /** How the document was chunked; a change re-chunks unchanged content. */
  readonly chunking: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface ChunkInput {
  readonly text: string;
  /** Heading path, e.g. `Leave > Vacation`, for structured formats. */
  readonly heading: string | null;
  /** 1-based page range for paged formats (PDF). */
  readonly pageStart: number | null;
  readonly pageEnd: number | null;
  /**
   * Offsets in `text` where pages pageStart+1..pageEnd begin, so a quoted sentence can be
   * cited by its own page. Absent or null: one page, or not known (stored before 0009).
   */
  readonly pageBreaks?: readonly number[] | null;
  readonly tokenCount: number;
  /** Where the passage starts in the document's web page (`install-the-toolchain`, no `#`). */
  readonly anchor?: string | null;
}

export interface DocumentVectors {
  readonly model: EmbeddingModel;
  /** One vector per chunk, in chunk order. */
  readonly values: readonly (readonly number[])[];
}

export type ReplaceOutcome = 'added' | 'updated' | 'unchanged';

export interface StoredFingerprint {
  readonly contentHash: string;
  readonly chunking: string;
  readonly source: string;
}

/** How many passages have vectors of a model, of all passages in the store. */
export interface EmbeddingCoverage {
  readonly embedded: number;
  readonly total: number;
}

export interface ChunkToEmbed {
  readonly chunkId: number;
  readonly title: string;
  readonly heading: string | null;
  readonly text: string;
}

export interface SearchRequest {
  readonly text: string;
  /** The query embedded with the active model; absent means keyword-only. */
  readonly vector?: { readonly model: EmbeddingModel; readonly values: readonly number[] };
  /** False: rank by the vector alone (default true). */
  readonly keywords?: boolean;
  readonly limit: number;
  /** Restrict to these collections; absent or empty means all. */
  readonly collections?: readonly string[];
  /**
   * Words of the text, as typed, that are misspelt (see `correctSpelling`): keyword search
   * looks for the knowledge base's most similar word instead. Absent: none.
   */
  readonly typos?: readonly string[];
}

export interface SpellingRequest {
  readonly text: string;
  /** The collections to be searched; absent or empty means all. */
  readonly collections?: readonly string[];
}

/** A misspelt word of a question and the knowledge base's word it stands for. */
export interface SpellingCorrection {
  /** As typed in the question. */
  readonly typed: string;
  /** As a passage writes it. */
  readonly word: string;
}

export interface SearchHit {
  readonly chunkId: number;
  readonly documentId: number;
  readonly collection: string;
  readonly source: string;
  readonly uri: string;
  readonly url: string | null;
  readonly title: string;
  readonly heading: string | null;
  readonly pageStart: number | null;
  readonly pageEnd: number | null;
  /** Where in `text` each later page begins (see ChunkInput); absent or null: not known. */
  readonly pageBreaks?: readonly number[] | null;
  readonly text: string;
  /** Reciprocal-rank-fusion score over both lists. */
  readonly score: number;
  /** 1-based rank in the vector list, null when the chunk was not in it. */
  readonly vectorRank: number | null;
  readonly keywordRank: number | null;
  /** Cosine distance to the query, when ranked by vector. */
  readonly vectorDistance: number | null;
  /** Full-text rank, when matched by keywords. */
  readonly keywordScore: number | null;
  /**
   * Share (0..1) of the question's word weight (IDF) found in the passage, when matched by
   * keywords: how much of what was asked the passage talks about.
   */
  readonly keywordCoverage: number | null;
  /** Position of the passage in its document, so neighbours can be merged. */
  readonly ordinal: number;
  /** The passage's token count, measured when it was stored (absent: counted when needed). */
  readonly tokenCount?: number;
  /**
   * `rewrite`: only a rewrite of the question found the passage (see fuseHits), so its
   * coverage and distance measure what the model wrote. Absent: the question's search found it.
   */
  readonly foundBy?: 'rewrite';
}

export interface KnowledgeStore {
  fingerprint(collection: string, uri: string): Promise<StoredFingerprint | undefined>;
  /**
   * Writes a document with its chunks (and vectors) in one transaction, replacing an older
   * version. Returns `unchanged`, writing nothing, when the stored fingerprint already matches.
   */
  replaceDocument(
    document: DocumentInput,
    chunks: readonly ChunkInput[],
    vectors?: DocumentVectors,
  ): Promise<ReplaceOutcome>;
  /** Deletes documents of `collection` whose uri starts with `uriPrefix` and is not in `keep`. */
  pruneDocuments(request: {
    readonly collection: string;
    readonly uriPrefix: string;
    readonly keep: ReadonlySet<string>;
  }): Promise<string[]>;
  /** Registers a model (and its vector index) unless it exists; ingest calls this. */
  registerEmbeddingModel(name: string, dimensions: number): Promise<EmbeddingModel>;
  /** Read-only lookup; search calls this, so it never writes. */
  findEmbeddingModel(name: string, dimensions: number): Promise<EmbeddingModel | undefined>;
  embeddingCoverage(model: EmbeddingModel): Promise<EmbeddingCoverage>;
  chunksWithoutEmbedding(model: EmbeddingModel, limit: number): Promise<ChunkToEmbed[]>;
  saveEmbeddings(
    model: EmbeddingModel,
    entries: readonly { readonly chunkId: number; readonly values: readonly number[] }[],
  ): Promise<void>;
  search(request: SearchRequest): Promise<SearchHit[]>;
  /**
   * The question's words found in no passage of the collections that look like a word that is
   * (typos), with that word. The searcher embeds the corrected question and names the typos in
   * its search request.
   */
  correctSpelling(request: SpellingRequest): Promise<SpellingCorrection[]>;
  /**
   * Called after a batch of writes (an ingest, a sync run) with what the batch wrote: the store
   * refreshes what its search knows about the data as a whole (Postgres: planner statistics),
   * cheaply when little changed. Best effort: callers log a rejection and carry on.
   */
  refreshStatistics(written: WrittenRows): Promise<void>;
}

/**
 * What a batch of writes changed, by the writer's own counts (a server publishes its row
 * counters up to a second late, and to other sessions later still).
 */
export interface WrittenRows {
  /** Documents added, updated or deleted (with their passages). */
  readonly documents: number;
  /** Passage vectors saved (a backfill writes these without touching documents). */
  readonly vectors: number;
}
