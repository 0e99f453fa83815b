export {
  type ChatReply,
  type ChatRequest,
  type ChatResponder,
  groundedResponder,
} from './fake-chat-replies.js';
export { FakeModelRegistry } from './fake-model-registry.js';
export {
  FakeOpenAIServer,
  type FakeOpenAIServerOptions,
  type RecordedRequest,
} from './fake-openai-server.js';
export { HashingEmbeddings, hashingVector } from './hashing-embeddings.js';
export { type DocxSection, makeDocx } from './make-docx.js';
export { makeDocxBomb } from './make-docx-bomb.js';
export { type HostileExpectation, makeHostileFiles } from './make-hostile-files.js';
export { makePdf } from './make-pdf.js';
export { waitForEvent } from './wait-for-event.js';
export { closeServer } from './close-server.js';
export {
  contosoDirectory,
  createRealEmbeddings,
  findRealModel,
  type RealModel,
  realModel,
  realModelEnvironment,
  realModelName,
  sharedDirectory,
} from './real-model.js';
export { FakeRerankServer } from './fake-rerank-server.js';
export {
  FakeSurface,
  type FakeSurfaceOptions,
  fakeVocabulary,
  type SurfaceCall,
} from './fake-surface.js';
export { MemoryConversationStore } from './memory-conversation-store.js';
