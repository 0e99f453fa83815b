import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger, forwardEvents } from './logger.js';

describe('createLogger', () => {
  it('logs errors without the statement parameters or row detail a database error carries', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    const failure = Object.assign(new Error('invalid input syntax for type json'), {
      code: '22P02',
      params: ['How many vacation days do new employees get?'],
      query: 'INSERT INTO conversation_turns …',
      where: 'JSON data, line 1: {"text": "New employees get 25 days"',
      detail: 'Token "New" is invalid.',
    });
    logger.error(
      { err: new Error('the database call failed', { cause: failure }) },
      'teams.answer_failed',
    );
    const logged = lines.join('');
    expect(logged).toContain('"message":"the database call failed"');
    expect(logged).toContain('"code":"22P02"');
    expect(logged).toContain('invalid input syntax for type json');
    expect(logged).not.toMatch(/vacation|New employees|INSERT INTO|Token "New"/);
  });
});

describe('forwardEvents', () => {
  it('logs failures the answer survives at warn, the rest at info', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const forward = forwardEvents(createLogger('debug', sink));
    forward({ type: 'rewrite.failed', mode: 'multi', error: 'timeout', durationMs: 2500 });
    forward({ type: 'rerank.failed', reranker: 'jina', error: 'HTTP 500', durationMs: 12 });
    forward({ type: 'rewrite', mode: 'multi', queries: 2, durationMs: 40 });
    const logged = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(logged.map(({ level, msg }) => [msg, level])).toEqual([
      ['rewrite.failed', 40],
      ['rerank.failed', 40],
      ['rewrite', 30],
    ]);
  });
});
