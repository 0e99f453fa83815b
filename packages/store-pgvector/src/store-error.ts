export type StoreErrorCode = 'database_locked' | 'connection_failed' | 'migration_failed';

/** Failures of the database itself; the message says what to do about it. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
