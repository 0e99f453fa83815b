import { describe, expect, it } from '@jest/globals';
import { fromDatabase, KnowhowError } from '@knowhow/rag-core';
import { teamsVocabulary } from './teams-failures.js';

const failureReason = teamsVocabulary.reasonOf;

/** The error a failed database call throws. */
async function databaseFailure(): Promise<unknown> {
  return fromDatabase(Promise.reject(new Error('x'))).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("Teams' failure reasons", () => {
  it('names a database failure', async () => {
    expect(failureReason(await databaseFailure())).toBe('database_unavailable');
  });

  it('names a reply the Bot Connector refused by its status', () => {
    expect(failureReason(Object.assign(new Error('Forbidden'), { statusCode: 403 }))).toBe(
      'teams_http_403',
    );
    expect(failureReason({ statusCode: 429 })).toBe('teams_rate_limited');
    expect(failureReason({ statusCode: 502, code: 'ECONNREFUSED' })).toBe('teams_http_502');
  });

  it('ignores a status that is not a number', () => {
    expect(failureReason({ statusCode: '500' })).toBe('internal_error');
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'REQUEST_SEND_ERROR'])(
    'calls %s unreachable',
    (code) => {
      expect(failureReason(Object.assign(new Error('no route'), { code }))).toBe(
        'teams_unreachable',
      );
    },
  );

  it('calls anything else an internal error', () => {
    expect(failureReason(new Error('boom'))).toBe('internal_error');
    expect(failureReason(new KnowhowError('internal_error', 'no'))).toBe('internal_error');
    expect(failureReason({ code: 'EACCES' })).toBe('internal_error');
    expect(failureReason('a string')).toBe('internal_error');
    expect(failureReason(undefined)).toBe('internal_error');
    expect(failureReason(null)).toBe('internal_error');
  });
});
