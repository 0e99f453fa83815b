#!/usr/bin/env node
// Through npx or npm scripts, `node` is the project's own Node 24 (devDependency `node`).
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `knowhow needs Node.js 22 or newer; this is ${process.version}. Run it as \`npx knowhow\` from the project folder (which uses the project's Node 24), or install Node 24 LTS.\n`,
  );
  process.exit(1);
}

// Node flags some commands need, which V8 takes only on node's command line: such a command
// replaces its process with one that has them (same pid, same stdio; docs/benchmarks.md, "Lean").
// - Commands that run a few queries on the embedded database (Postgres compiled to
//   WebAssembly) and exit: V8's optimising tier costs them ~600 MB and ~0.2 s for code they run
//   once. Ingest, sync, eval and the bots keep it: they run Postgres long enough to gain.
// - Bots collect their garbage once a burst of questions is over (bot-host's release-memory).
const quick = ['--liftoff-only'];
const bot = ['--expose-gc'];
const flagsByCommand = {
  ask: quick,
  search: quick,
  collections: quick,
  documents: quick,
  channel: quick,
  sources: quick,
  migrate: quick,
  'teams-app': quick,
  slack: bot,
  teams: bot,
  start: bot,
};
const command = process.argv.slice(2).find((argument) => !argument.startsWith('-'));
const wanted = (Object.hasOwn(flagsByCommand, command) ? flagsByCommand[command] : []).filter(
  // A Postgres server in the environment runs nothing embedded: the quick commands start once,
  // as they are (a DATABASE_URL only in .env is read later, so they restart needlessly there).
  (flag) => !(flag === '--liftoff-only' && process.env.DATABASE_URL),
);
const missing = wanted.filter((flag) => !process.execArgv.includes(flag));
// Bots: glibc's malloc keeps freed native memory (sockets' and the database driver's buffers)
// mapped after a burst of questions; these thresholds return it (docs/benchmarks.md, "Lean").
// An operator's own settings win.
const allocator = { MALLOC_TRIM_THRESHOLD_: '131072', MALLOC_MMAP_THRESHOLD_: '131072' };
const unset = wanted.includes('--expose-gc')
  ? Object.entries(allocator).filter(([name]) => process.env[name] === undefined)
  : [];
if ((missing.length > 0 || unset.length > 0) && typeof process.execve === 'function') {
  try {
    process.execve(
      process.execPath,
      [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)],
      { ...process.env, ...Object.fromEntries(unset) },
    );
  } catch {
    // Where the platform cannot replace a process (Windows): run as called, without the flags.
  }
}

const { main } = await import('../dist/main.js');
process.exitCode = await main(process.argv);
