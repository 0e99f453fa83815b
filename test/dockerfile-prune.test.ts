import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

// No Docker engine here: docker/prune-app.sh, which the Dockerfile's build stage runs in /app,
// runs on a stand-in tree holding (empty) the files Knowhow loads, beside files it never loads.
// The full build and a run of the pruned tree: docker/measure-app-size.sh, docs/benchmarks.md.
const checkout = fileURLToPath(new URL('..', import.meta.url));
const dockerfile = readFileSync(join(checkout, 'Dockerfile'), 'utf8');
const workspaces = ['packages', 'apps'].flatMap((folder) =>
  readdirSync(join(checkout, folder)).map((name) => join(folder, name)),
);

/** Every package a workspace's code imports or requires (statically or not), tests left out. */
function importedPackages(workspace: string): string[] {
  const sources = readdirSync(join(checkout, workspace, 'src'), {
    recursive: true,
    encoding: 'utf8',
  })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => readFileSync(join(checkout, workspace, 'src', file), 'utf8'));
  const specifiers = sources.flatMap((source) =>
    [...source.matchAll(/(?:from|import\(|require\()\s*'([^'.\s][^'\s]*)'/g)].map(
      (match) => match[1] ?? '',
    ),
  );
  return [...new Set(specifiers)].filter(
    (specifier) => !specifier.startsWith('node:') && !specifier.startsWith('@knowhow/'),
  );
}

/** Where Node resolves each specifier from a folder (ESM, the conditions the image runs with). */
function resolveFrom(folder: string, specifiers: string[]): string[] {
  const script = `for (const s of JSON.parse(process.argv[1])) console.log(import.meta.resolve(s))`;
  const output = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(specifiers)],
    { cwd: join(checkout, folder), encoding: 'utf8' },
  );
  return output
    .trim()
    .split('\n')
    .map((url) => relative(checkout, fileURLToPath(url)));
}

/** Every file Node resolves while a folder's imports load (what they require at load time). */
function loadedFrom(folder: string, specifiers: string[]): string[] {
  const script = [
    "import { registerHooks } from 'node:module';",
    'const files = new Set();',
    'registerHooks({ resolve(specifier, context, next) {',
    '  const result = next(specifier, context);',
    "  if (result.url.startsWith('file:')) files.add(result.url);",
    '  return result;',
    '} });',
    'for (const specifier of JSON.parse(process.argv[1])) await import(specifier);',
    'console.log(JSON.stringify([...files]));',
  ].join('\n');
  const output = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(specifiers)],
    { cwd: join(checkout, folder), encoding: 'utf8' },
  );
  const lines = output.trim().split('\n');
  return (JSON.parse(lines.at(-1) ?? '[]') as string[])
    .map((url) => relative(checkout, fileURLToPath(url)))
    .filter((file) => !file.startsWith('..'));
}

const packageFolder = (file: string) => file.slice(0, file.lastIndexOf('/package.json'));
const community = packageFolder(
  resolveFrom('packages/rag-core', ['@langchain/community/package.json'])[0] ?? '',
);
const pdfParse = resolveFrom(community, ['pdf-parse'])[0] ?? '';
// pdf-parse's own import of PDF.js, resolved from where pdf-parse is.
const pdfjs = resolveFrom(dirname(pdfParse), ['pdfjs-dist/legacy/build/pdf.mjs'])[0] ?? '';
const onnxBuild = `node_modules/onnxruntime-node/bin/napi-v6/linux/${process.arch}`;
const otherArch = process.arch === 'x64' ? 'arm64' : 'x64';

// What the code imports, and what those load later (a PDF, the model, the Teams bot's auth).
const kept = [
  ...workspaces.flatMap((workspace) => loadedFrom(workspace, importedPackages(workspace))),
  pdfParse,
  pdfjs,
  join(dirname(pdfjs), 'pdf.worker.mjs'),
  'node_modules/pdfjs-dist/standard_fonts/FoxitFixed.pfb',
  `${onnxBuild}/onnxruntime_binding.node`,
  `${onnxBuild}/libonnxruntime.so.1`,
  ...resolveFrom('node_modules/botframework-connector', ['@azure/identity', '@azure/msal-node']),
  'apps/cli/bin/knowhow.js',
  'apps/cli/dist/main.js',
  'packages/rag-core/dist/index.js.map',
  'node_modules/pdf-parse/LICENSE',
];
const removed = [
  'node_modules/pdfjs-dist/legacy/build/pdf.mjs.map',
  'node_modules/pdfjs-dist/legacy/build/pdf.d.mts',
  'node_modules/pdfjs-dist/build/pdf.mjs',
  'node_modules/pdfjs-dist/web/pdf_viewer.mjs',
  `node_modules/onnxruntime-node/bin/napi-v6/linux/${otherArch}/onnxruntime_binding.node`,
  'node_modules/onnxruntime-node/bin/napi-v6/darwin/arm64/onnxruntime_binding.node',
  'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime_binding.node',
  'node_modules/onnxruntime-web/dist/ort.mjs',
  'node_modules/@azure/msal-browser/lib/msal-browser.js',
  'node_modules/@browserbasehq/stagehand/package.json',
  'node_modules/playwright-core/package.json',
  'node_modules/@ibm-cloud/watsonx-ai/package.json',
  `${community}/dist/document_loaders/fs/pdf.d.ts`,
  'node_modules/zod/src/index.ts',
  'node_modules/pino/README.md',
  'packages/rag-core/src/index.ts',
  'packages/rag-core/tsconfig.tsbuildinfo',
];

async function pruneStandIn() {
  const app = await mkdtemp(join(tmpdir(), 'knowhow-prune-'));
  for (const file of [...kept, ...removed, 'docker/prune-app.sh']) {
    mkdirSync(join(app, dirname(file)), { recursive: true });
    writeFileSync(
      join(app, file),
      file === 'docker/prune-app.sh' ? readFileSync(join(checkout, file)) : '',
    );
  }
  // npm stands in too: it records what it was asked.
  const bin = join(app, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'npm'), '#!/bin/sh\necho "$@" > "$(dirname "$0")/npm-arguments"\n');
  chmodSync(join(bin, 'npm'), 0o755);
  const result = spawnSync('sh', ['docker/prune-app.sh'], {
    cwd: app,
    encoding: 'utf8',
    env: { PATH: [bin, dirname(process.execPath), process.env.PATH ?? ''].join(delimiter) },
  });
  return { app, result, npm: readFileSync(join(bin, 'npm-arguments'), 'utf8').trim() };
}

describe('the Dockerfile prunes /app to what Linux loads', () => {
  it('runs docker/prune-app.sh in the build stage, after the build', () => {
    expect(dockerfile).toContain('COPY docker/prune-app.sh docker/\n');
    expect(dockerfile).toMatch(/make-pglite-template\.js \\\n {2}&& sh docker\/prune-app\.sh\n/);
  });

  it('keeps every package the code imports and what those load, and removes the rest', async () => {
    expect(kept.filter((file) => !existsSync(join(checkout, file)))).toEqual([]);

    const { app, result, npm } = await pruneStandIn();

    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(npm).toBe('prune --omit=dev --ignore-scripts --no-audit --no-fund');
    expect(kept.filter((file) => !existsSync(join(app, file)))).toEqual([]);
    expect(removed.filter((file) => existsSync(join(app, file)))).toEqual([]);
  });
});
