import { randomUUID } from 'node:crypto';
import { KnowhowError } from '../errors.js';

/**
 * Marks a failure of this call to the bots' database as the database's, so a chat bot can tell
 * users "database_unavailable" rather than a generic error.
 */
export function fromDatabase<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    throw new KnowhowError('database_unavailable', 'the database call failed', { cause: error });
  });
}

export function isDatabaseFailure(error: unknown): boolean {
  return error instanceof KnowhowError && error.code === 'database_unavailable';
}

/** A short reference a user can quote and an operator can find in the logs. */
export function newReference(): string {
  return randomUUID().slice(0, 8);
}
