export { sampleChunk, sampleDocument } from './sample-documents.js';
export {
  emptyStore,
  openTestStore,
  type TestBackend,
  testBackends,
  testDatabaseUrl,
} from './test-databases.js';
