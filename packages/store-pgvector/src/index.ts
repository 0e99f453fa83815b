export type { Database, Queryable } from './database.js';
export { defaultMigrationsDirectory, type MigrateOptions, migrate } from './migrate.js';
export { type OpenDatabaseOptions, openDatabase } from './open-database.js';
export { type OpenKnowledgeStoreOptions, openKnowledgeStore } from './open-knowledge-store.js';
export { PgConversationStore } from './pg-conversation-store.js';
export { PgKnowledgeStore } from './pg-knowledge-store.js';
export { defaultSearchTuning, type SearchTuning } from './search-query.js';
export { StoreError, type StoreErrorCode } from './store-error.js';
