export type { Database, Queryable, ReservedSession } from './database.js';
export { defaultMigrationsDirectory, type MigrateOptions, migrate } from './migrate.js';
export { type OpenDatabaseOptions, openDatabase, redactUrl } from './open-database.js';
export { type OpenKnowledgeStoreOptions, openKnowledgeStore } from './open-knowledge-store.js';
export { PgConversationStore } from './pg-conversation-store.js';
export type { CollectionSummary, DeletedDocument, DocumentSummary } from './catalog-queries.js';
export { PgKnowledgeStore } from './pg-knowledge-store.js';
export { PgSyncStore } from './pg-sync-store.js';
export { defaultSearchTuning, type SearchTuning } from './search-query.js';
