export type {
  Answer,
  AnswerStatus,
  Asker,
  AskRequest,
  ChatTurn,
  Citation,
  FailureReason,
} from './answer/answer.js';
export { type AnswerLayout, answerLayout, type RenderedAnswer } from './answer/answer-layout.js';
export { answerMessages } from './answer/answer-messages.js';
export { type Ask, type AskerOptions, createAsker } from './answer/create-asker.js';
export { describeLocation } from './answer/describe-location.js';
export { describeModelHost } from './answer/describe-model-host.js';
export { linkAsText, plainLinks } from './answer/plain-links.js';
export { type Markup, renderMarkdown } from './answer/render-markdown.js';
export { splitText } from './answer/split-text.js';
export {
  type ChatModelOptions,
  createChatModel,
  defaultChatModel,
} from './answer/create-chat-model.js';
export {
  type ActiveEmbedder,
  activateEmbedder,
  type EmbedderActivation,
  embeddingProbe,
} from './embed/active-embedder.js';
export {
  type ConfiguredEmbeddings,
  createEmbeddings,
  defaultLocalModel,
  type EmbeddingsOptions,
} from './embed/create-embeddings.js';
export { embedPassages } from './embed/embed-passages.js';
export type {
  AnswerRecord,
  ConversationStore,
  FeedbackInput,
  Platform,
} from './conversation/conversation-store.js';
export { fromDatabase, isDatabaseFailure, newReference } from './conversation/failure-reference.js';
export { chatMessages } from './conversation/chat-messages.js';
export { cleanText } from './conversation/clean-text.js';
export type {
  ConversationFailure,
  ConversationSurface,
} from './conversation/conversation-surface.js';
export {
  type AnswerQuestion,
  type ConversationDependencies,
  type ConversationOptions,
  createConversation,
} from './conversation/create-conversation.js';
export { InFlight } from './conversation/in-flight.js';
export { type EventLogger, logTo } from './conversation/log-to.js';
export { type MessageStreamer, streamToMessage } from './conversation/stream-to-message.js';
export {
  platformReason,
  type PlatformVocabulary,
  platformVocabulary,
} from './conversation/platform-reason.js';
export { ProgressBudget } from './conversation/progress-budget.js';
export {
  createPlatformRetry,
  type PlatformRetry,
  type PlatformRetryOptions,
} from './conversation/retry-platform-call.js';
export type { Question, Refusal } from './conversation/question.js';
export { RateLimiter } from './conversation/rate-limiter.js';
export { type AskedIn, recordAnswer } from './conversation/record-answer.js';
export {
  asKnowhowError,
  describeError,
  isKnowhowError,
  KnowhowError,
  type KnowhowErrorCode,
  type KnowhowErrorOptions,
} from './errors.js';
export { type AnswerMetrics, evaluateAnswers } from './eval/evaluate-answers.js';
export {
  evaluateRefusals,
  type RefusalCount,
  type RefusalMetrics,
} from './eval/evaluate-refusals.js';
export { evaluateRetrieval, type RetrievalEvaluation } from './eval/evaluate-retrieval.js';
export { type EvalCase, type ExpectedSource, parseGroundTruth } from './eval/ground-truth.js';
export type {
  CaseResult,
  Level,
  LevelMetrics,
  RetrievalMetrics,
  RetrievedPassage,
} from './eval/score-retrieval.js';
export { type ChunkingOptions, chunkDocument } from './ingest/chunk/chunk-document.js';
export { type DocumentFormat, supportedExtensions } from './ingest/file-formats.js';
export {
  defaultCollection,
  type IngestDependencies,
  ingestFiles,
  type IngestOptions,
} from './ingest/ingest-files.js';
export type { IngestFailure, IngestProgress, IngestSummary } from './ingest/ingest-summary.js';
export { defaultLoadLimits, type LoadLimits, loadDocument } from './ingest/load/load-document.js';
export {
  createDocumentPreparer,
  defaultPrepareBudget,
  type DocumentPreparer,
  type DocumentPreparerOptions,
  type PrepareOutcome,
} from './ingest/prepare/document-preparer.js';
export type {
  PreparedDocument,
  PrepareOptions,
  PrepareRequest,
} from './ingest/prepare/prepare-document.js';
export type { LoadedContent, LoadedDocument, LoadedPage } from './ingest/load/loaded-document.js';
export type { ConversationEvent, Log, LogEvent } from './log-event.js';
export {
  createSearcher,
  maxSearchLimit,
  type Search,
  type SearchMode,
  type SearchOptions,
  type SearchResult,
} from './retrieve/create-searcher.js';
export { createHttpReranker, type HttpRerankProvider } from './retrieve/rerank/http-reranker.js';
export { createLlmReranker } from './retrieve/rerank/llm-reranker.js';
export {
  createLocalReranker,
  defaultLocalReranker,
  type LocalReranker,
  type LocalRerankerOptions,
} from './retrieve/rerank/local-reranker.js';
export type { Reranker, RerankerProvider } from './retrieve/rerank/reranker.js';
export { type RerankingOptions, withReranking } from './retrieve/rerank/with-reranking.js';
export { fuseHits, type FuseOptions } from './retrieve/rewrite/fuse-hits.js';
export {
  createQueryRewriter,
  type QueryRewriteMode,
  type QueryRewriter,
  type QueryRewriterOptions,
} from './retrieve/rewrite/query-rewriter.js';
export {
  type QueryRewriteOptions,
  withQueryRewrite,
} from './retrieve/rewrite/with-query-rewrite.js';
export type {
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
} from './store/knowledge-store.js';
export { fileFormatOf, mediaTypeOf } from './ingest/file-formats.js';
export type {
  HeadingAnchor,
  ItemContent,
  JsonValue,
  KnownItem,
  ListingEnd,
  ListRequest,
  Source,
  SourceChange,
  SourceItem,
} from './sync/source.js';
export { textContent } from './sync/source.js';
export { runSyncSchedule, type ScheduleOptions } from './sync/run-sync-schedule.js';
export { sourceUri, sourceUriPrefix } from './sync/source-uri.js';
export type { FailedItem, SourceSyncResult, SyncProgress } from './sync/sync-result.js';
export {
  defaultMaxItemBytes,
  type SyncDependencies,
  type SyncOptions,
  syncSources,
  type SyncSummary,
  type SyncTarget,
} from './sync/sync-sources.js';
export type {
  ClaimOptions,
  ItemFailure,
  ItemRecord,
  PassRecord,
  SourceClaim,
  SourceIdentity,
  SourceState,
  StoredItem,
  SyncCounts,
  SyncStatus,
  SyncStore,
} from './sync/sync-store.js';
