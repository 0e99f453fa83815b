export {
  type ActiveEmbedder,
  activateEmbedder,
  type EmbedderActivation,
} from './embed/active-embedder.js';
export { backfillEmbeddings } from './embed/backfill-embeddings.js';
export {
  type ConfiguredEmbeddings,
  createEmbeddings,
  defaultLocalModel,
  defaultOpenAIModel,
  type EmbeddingsOptions,
} from './embed/create-embeddings.js';
export { embeddingText, embedPassages } from './embed/embed-passages.js';
export { describeError, isKnowhowError, KnowhowError, type KnowhowErrorCode } from './errors.js';
export { evaluateRetrieval, type RetrievalEvaluation } from './eval/evaluate-retrieval.js';
export { type EvalCase, type ExpectedSource, parseGroundTruth } from './eval/ground-truth.js';
export {
  type CaseResult,
  type LevelMetrics,
  matchesSource,
  type RetrievalMetrics,
  type RetrievedPassage,
  scoreCase,
  summarizeRetrieval,
} from './eval/score-retrieval.js';
export {
  type ChunkingOptions,
  chunkDocument,
  chunkingSignature,
  defaultChunking,
} from './ingest/chunk/chunk-document.js';
export { countTokens } from './ingest/chunk/count-tokens.js';
export { type DocumentFormat, fileFormatOf, supportedExtensions } from './ingest/file-formats.js';
export { type FileSearch, type FoundFile, findFiles } from './ingest/find-files.js';
export { titleFromFileName } from './ingest/ingest-file.js';
export {
  defaultCollection,
  defaultMaxFileBytes,
  type IngestDependencies,
  type IngestOptions,
  ingestFiles,
} from './ingest/ingest-files.js';
export type { IngestFailure, IngestProgress, IngestSummary } from './ingest/ingest-summary.js';
export { loadDocument } from './ingest/load/load-document.js';
export type { LoadedContent, LoadedDocument, LoadedPage } from './ingest/load/loaded-document.js';
export type { Log, LogEvent } from './log-event.js';
export { silentLog } from './log-event.js';
export {
  createSearcher,
  maxSearchLimit,
  type Search,
  type SearchOptions,
  type SearchResult,
} from './retrieve/create-searcher.js';
export type {
  ChunkInput,
  ChunkToEmbed,
  DocumentInput,
  DocumentVectors,
  EmbeddingModel,
  KnowledgeStore,
  ReplaceOutcome,
  SearchHit,
  SearchRequest,
  StoredFingerprint,
} from './store/knowledge-store.js';
