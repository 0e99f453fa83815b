// The retrieval quality gate of .ci/run: ingests each set of eval/quality-floor.json into its
// own fresh database with the real embedding model, runs `knowhow eval --json` and fails when
// a figure is more than the tolerance below the recorded one. Prints one line per figure.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

const databaseUrl = process.argv[2];
if (!databaseUrl) throw new Error('usage: node .ci/quality-gate.mjs postgres://…/database');
const { tolerance, sets } = JSON.parse(readFileSync('eval/quality-floor.json', 'utf8'));
const admin = new URL(databaseUrl);
let failures = 0;
for (const [name, set] of Object.entries(sets)) {
  // Random like the store tests' databases: several checkouts share one server.
  const database = `knowhow_quality_${name.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  const psql = (sql) => execFileSync('psql', [admin.toString(), '-X', '-q', '-c', sql]);
  psql(`CREATE DATABASE ${database}`);
  const env = {
    ...process.env,
    DATABASE_URL: url.toString(),
    KNOWHOW_LLM: 'none',
    KNOWHOW_RERANKER: 'none',
  };
  const knowhow = (...args) =>
    execFileSync(process.execPath, ['apps/cli/bin/knowhow.js', ...args], { env, encoding: 'utf8' });
  const started = Date.now();
  let report;
  try {
    // Ingest ends by analyzing the tables it wrote (keyword ranking reads the planner's word
    // shares and passage count), so the figures never depend on when autovacuum runs.
    knowhow('ingest', set.documents, '--collection', name);
    report = JSON.parse(knowhow('eval', ...set.questions, '--k', '1,3,5,10', '--json'));
  } finally {
    psql(`DROP DATABASE ${database}`);
  }
  if (report.mode !== 'hybrid') {
    console.log(`${name}: searched ${report.mode}, not hybrid: the embedding model did not load`);
    failures += 1;
    continue;
  }
  for (const [metric, floor] of Object.entries(set.floor)) {
    const value = report[set.level]?.[metric] ?? 0;
    const ok = value >= floor - tolerance;
    if (!ok) failures += 1;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${name} ${set.level} ${metric} ${value.toFixed(3)} (recorded ${floor.toFixed(3)}, tolerance ${tolerance}) ${Math.round((Date.now() - started) / 1000)} s`,
    );
  }
}
process.exit(failures === 0 ? 0 : 1);
