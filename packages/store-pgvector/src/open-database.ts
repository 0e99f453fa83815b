import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import pg from 'pg';
import { KnowhowError } from '@knowhow/rag-core';
import { lockDataDirectory } from './data-directory-lock.js';
import type { Database } from './database.js';
import { createPgDatabase } from './pg-database.js';
import { createPgliteDatabase } from './pglite-database.js';
import { readPgliteTemplate } from './pglite-template.js';

export interface OpenDatabaseOptions {
  /** `postgres://…`: a server with pgvector. Absent: embedded PGlite in `dataDirectory`. */
  readonly url?: string;
  /** Embedded data lives here; `memory://` keeps it in memory (tests). */
  readonly dataDirectory?: string;
  readonly poolSize?: number;
  /** Errors of idle pooled connections, which would otherwise crash the process. */
  readonly onPoolError?: (error: Error) => void;
}

// Per-session search settings: as many HNSW candidates as the vector list takes (40; more
// costs latency, not fusion quality), and iterative scans so a collection filter does not
// starve the list (pgvector >= 0.8).
const settings = { 'hnsw.ef_search': '40', 'hnsw.iterative_scan': 'relaxed_order' };
const sessionSettings = Object.entries(settings)
  .map(([name, value]) => `SET ${name} = ${value}`)
  .join('; ');
const startupOptions = Object.entries(settings)
  .map(([name, value]) => `-c ${name}=${value}`)
  .join(' ');

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  return options.url
    ? connectServer(options.url, options)
    : openEmbedded(options.dataDirectory ?? '.knowhow');
}

async function connectServer(url: string, options: OpenDatabaseOptions): Promise<Database> {
  // Settings travel in the startup packet, so every pooled connection has them from the start.
  const own = new URL(url).searchParams.get('options');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    options: own ? `${own} ${startupOptions}` : startupOptions,
  });
  pool.on('error', (error) => options.onPoolError?.(error));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new KnowhowError(
      'database_unavailable',
      `cannot connect to Postgres at ${redactUrl(url)}: ${(error as Error).message || String(error)}`,
      { cause: error },
    );
  }
  return createPgDatabase(pool);
}

// Embedded Postgres serves one process, whose knowledge base mostly fits in the operating
// system's file cache: 128 MB of shared buffers (Postgres' default) cost their memory in every
// command and bot for little gain. Measured in docs/benchmarks.md ("Where the memory goes").
const embeddedSharedBuffers = '32MB';

function pgliteOptions(dataDir: string): PGliteOptions & { dataDir: string } {
  const fresh = dataDir.startsWith('memory://') || !existsSync(join(dataDir, 'PG_VERSION'));
  const template = fresh ? readPgliteTemplate() : undefined;
  return {
    dataDir,
    extensions: { vector, pg_trgm },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${embeddedSharedBuffers}`],
    ...(template ? { loadDataDir: template } : {}),
  };
}

async function openEmbedded(dataDirectory: string): Promise<Database> {
  if (dataDirectory.startsWith('memory://')) {
    const pglite = await PGlite.create(pgliteOptions(dataDirectory));
    await pglite.exec(sessionSettings);
    return createPgliteDatabase(pglite);
  }
  const directory = resolve(dataDirectory);
  const lock = await lockDataDirectory(directory);
  try {
    const pglite = await PGlite.create(pgliteOptions(join(directory, 'pgdata')));
    await pglite.exec(sessionSettings);
    return createPgliteDatabase(pglite, () => lock.release());
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** The URL without its passwords (user info and query parameters), for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const name of ['password', 'sslpassword']) {
      if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
    }
    return parsed.toString().replaceAll('%2A%2A%2A', '***');
  } catch {
    return '(an invalid URL)';
  }
}
