// Compares two dumps of search-latency.ts: the same chunks in the same order, and every score
// within 1e-9 (besides exact equality, which is what the JSON comparison shows).
import { readFile } from 'node:fs/promises';

type Hit = Record<string, unknown> & { chunkId: number; score: number };
const [first, second] = await Promise.all(
  process.argv
    .slice(2, 4)
    .map(async (path) => JSON.parse(await readFile(path, 'utf8')) as Record<string, Hit[]>),
);
if (!first || !second) throw new Error('usage: compare-search-dumps.js before.json after.json');
let differing = 0;
let searches = 0;
let hits = 0;
let largest = 0;
for (const [key, before] of Object.entries(first)) {
  const after = second[key] ?? [];
  searches += 1;
  hits += before.length;
  const sameIds =
    before.map((hit) => hit.chunkId).join() === after.map((hit) => hit.chunkId).join();
  for (const [index, hit] of before.entries())
    largest = Math.max(largest, Math.abs(hit.score - (after[index]?.score ?? Number.NaN)));
  if (!sameIds || JSON.stringify(before) !== JSON.stringify(after)) {
    differing += 1;
    process.stdout.write(`differs: ${key}\n`);
  }
}
process.stdout.write(
  `${searches} searches, ${hits} hits; ${differing} differ; largest score difference ${largest}\n`,
);
process.exitCode = differing || !(largest <= 1e-9) ? 1 : 0;
