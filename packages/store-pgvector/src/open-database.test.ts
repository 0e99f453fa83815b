import { describe, expect, it } from '@jest/globals';
import { redactUrl } from './open-database.js';

describe('redactUrl', () => {
  it('hides the password of the user info and of query parameters', () => {
    expect(redactUrl('postgres://knowhow:s3cret@db:5432/kb')).toBe(
      'postgres://knowhow:***@db:5432/kb',
    );
    const redacted = redactUrl(
      'postgres://knowhow@db/kb?password=s3cret&sslpassword=k3y&sslmode=require',
    );
    expect(redacted).not.toMatch(/s3cret|k3y/);
    expect(redacted).toContain('sslmode=require');
  });

  it('says nothing of an invalid URL', () => {
    expect(redactUrl('postgres://user:pa ss@[bad')).toBe('(an invalid URL)');
  });
});
