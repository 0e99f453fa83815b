import { KnowhowError } from '@knowhow/rag-core';

/**
 * Postgres data exceptions (SQLSTATE class 22: a character or value it cannot store) are a
 * problem of this one document, so ingest reports it and goes on; anything else (the database
 * is down) stays fatal.
 */
export function asDocumentError(error: unknown, source: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('22')) {
    const message = `the database refused its text: ${(error as Error).message}`;
    return new KnowhowError('parse_failed', message, { cause: error });
  }
  return error instanceof Error ? error : new Error(`writing ${source} failed: ${String(error)}`);
}
