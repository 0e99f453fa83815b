#!/usr/bin/env node
// Through npx or npm scripts, `node` is the project's own Node 24 (devDependency `node`).
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `knowhow needs Node.js 22 or newer; this is ${process.version}. Run it as \`npx knowhow\` from the project folder (which uses the project's Node 24), or install Node 24 LTS.\n`,
  );
  process.exit(1);
}

// Commands that run a few queries on the embedded database (Postgres compiled to WebAssembly)
// and exit: V8's optimising compiler tier costs them ~500 MB and ~0.2 s for code they run
// once (docs/benchmarks.md, "Lean"). V8 takes `--liftoff-only` only on node's command line, so
// these commands replace the process with one that has it (same pid, same stdio). Ingest, sync,
// eval and the bots keep the optimising tier: they run Postgres long enough to gain from it.
const shortCommands = new Set([
  'ask',
  'search',
  'chat',
  'collections',
  'documents',
  'channel',
  'sources',
  'migrate',
  'teams-app',
]);
const command = process.argv.slice(2).find((argument) => !argument.startsWith('-'));
if (
  shortCommands.has(command) &&
  !process.env.DATABASE_URL &&
  typeof process.execve === 'function' &&
  !process.execArgv.includes('--liftoff-only')
) {
  process.execve(process.execPath, [
    process.execPath,
    '--liftoff-only',
    ...process.execArgv,
    ...process.argv.slice(1),
  ]);
}

const { main } = await import('../dist/main.js');
process.exitCode = await main(process.argv);
