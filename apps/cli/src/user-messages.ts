import {
  describeError,
  type EmbeddingCoverage,
  isKnowhowError,
  type KnowhowError,
  type KnowhowErrorCode,
} from '@knowhow/rag-core';
import type { Environment } from './env.js';

/** Said when a search finds nothing because there is nothing to search. */
export const emptyKnowledgeBase =
  'The knowledge base is empty. Add documents with: npx knowhow ingest <folder> [--collection name]';

/** Said once when configured embeddings cannot be used: what happened, the effect, the fix. */
export function embeddingsNotice(env: Environment, problem: KnowhowError): string {
  if (problem.code === 'embeddings_not_built') {
    return [
      `Note: ${problem.message}, so Knowhow searches by keywords only.`,
      'To fix: run `knowhow ingest` with the same settings once; it builds the vectors.',
    ].join('\n');
  }
  const fix =
    env.KNOWHOW_EMBEDDINGS === 'local'
      ? env.KNOWHOW_MODEL_DIR
        ? `put the model's ONNX weights under ${env.KNOWHOW_MODEL_DIR} (onnx/model_quantized.onnx), or`
        : 'connect to the internet once so the model can download, set KNOWHOW_MODEL_DIR to a folder with the model, or'
      : 'check OPENAI_API_KEY, OPENAI_BASE_URL and KNOWHOW_EMBEDDING_MODEL, or';
  return [
    `Note: ${problem.message.replace(/\.+$/, '')}.`,
    'Knowhow continues with keyword search only.',
    `To fix: ${fix} set KNOWHOW_EMBEDDINGS=none to use keyword search without this note.`,
  ].join('\n');
}

/** Said when some passages lack vectors of the model, e.g. right after switching models. */
export function coverageNotice(model: string, coverage: EmbeddingCoverage): string {
  return `Note: vectors of ${model} cover ${coverage.embedded} of ${coverage.total} passages; the others are found by keywords only until \`knowhow ingest\` builds theirs.`;
}

const fileReasons: Partial<Record<KnowhowErrorCode, string>> = {
  file_missing: 'not found',
  file_unreadable: 'unreadable',
  file_too_large: 'too large',
  file_empty: 'empty',
  file_binary: 'binary content',
  parse_failed: 'could not be parsed',
  no_text: 'no text',
};

/** A file failure as one line: `path: reason (detail)`. */
export function describeFileFailure(failure: { code: KnowhowErrorCode; message: string }): string {
  const reason = fileReasons[failure.code] ?? 'failed';
  return failure.message.startsWith(reason) ? failure.message : `${reason}: ${failure.message}`;
}

// Their adapters word these for the person running the command, as they are printed.
const completeMessages = new Set<KnowhowErrorCode>([
  'invalid_configuration',
  'database_unavailable',
  'database_locked',
]);

/** The one message a failed command prints: the wording decided here, from the code. */
export function describeCommandError(error: unknown): string {
  if (!isKnowhowError(error)) return `Unexpected error: ${describeError(error)}`;
  if (error.code === 'migration_failed') return `Database migration failed: ${error.message}`;
  if (completeMessages.has(error.code)) return error.message;
  return error.message.charAt(0).toUpperCase() + error.message.slice(1);
}
