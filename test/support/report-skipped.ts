import { existsSync } from 'node:fs';
// Jest loads global setup outside its module mapping: these resolve to the built packages
// (`npm test` builds first).
import { contosoDirectory, realModel } from '@knowhow/rag-core/testing';
import { testDatabaseUrl } from '@knowhow/store-pgvector/testing';

/** Jest global setup: one line per group of tests this machine cannot run, naming why. */
export default function reportSkipped(): void {
  const skipped = [
    testDatabaseUrl
      ? undefined
      : 'Postgres server tests: TEST_DATABASE_URL is not set (store tests run on PGlite only; `bash .ci/run` sets up Postgres 15 + pgvector)',
    realModel.skipReason ? `real-vector tests: ${realModel.skipReason}` : undefined,
    existsSync(contosoDirectory) ? undefined : `contoso corpus tests: no ${contosoDirectory}`,
  ].filter((line) => line !== undefined);
  for (const line of skipped) process.stderr.write(`Skipped: ${line}\n`);
}
