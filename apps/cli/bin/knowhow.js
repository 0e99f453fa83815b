#!/usr/bin/env node
// Through npx or npm scripts, `node` is the project's own Node 24 (devDependency `node`).
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `knowhow needs Node.js 22 or newer; this is ${process.version}. Run it as \`npx knowhow\` from the project folder (which uses the project's Node 24), or install Node 24 LTS.\n`,
  );
  process.exit(1);
}
const { main } = await import('../dist/main.js');
process.exitCode = await main(process.argv);
