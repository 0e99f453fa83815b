import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

// initdb is most of what creating an embedded database costs: 5–25 s of CPU on a shared
// 2-core machine and a 1 GB memory peak, because PGlite runs it in a second Postgres instance.
// Its result is the same for every database, so it is made once (at build time, `npm run
// build`) and a new database starts as a copy. Named by PGlite's version: another version
// ignores it and runs initdb itself.
// (PGlite exports no package.json; its entry point is in dist/ beside it.)
const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
const pgliteVersion = (
  JSON.parse(readFileSync(join(dirname(pgliteEntry), '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** Where the template of this PGlite version lives (beside the compiled package). */
export const pgliteTemplatePath = fileURLToPath(
  new URL(`../dist/pglite-template-${pgliteVersion}.tar.gz`, import.meta.url),
);

/** The template as PGlite's `loadDataDir` takes it, when it has been made. */
export function readPgliteTemplate(): Blob | undefined {
  return existsSync(pgliteTemplatePath) ? new Blob([readFileSync(pgliteTemplatePath)]) : undefined;
}

/** Runs initdb once in memory and writes the resulting data directory as the template. */
export async function makePgliteTemplate(path = pgliteTemplatePath): Promise<void> {
  const pglite = await PGlite.create();
  try {
    const archive = await pglite.dumpDataDir('gzip');
    // Written whole or not at all: a half-written template would fail every new database.
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, new Uint8Array(await archive.arrayBuffer()));
    await rename(partial, path);
  } finally {
    await pglite.close();
  }
}
