import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseGroundTruth, type SearchRequest } from '@knowhow/rag-core';
import { type Backend, openBenchStore, serverVersion } from '../bench-store.js';
import { median, peakRssMegabytes, percentile, timed } from '../statistics.js';
import {
  contosoPassages,
  loadSyntheticCorpus,
  random,
  randomUnitVector,
} from '../synthetic-corpus.js';

const modes = ['keyword', 'hybrid', 'hybrid, 1 collection', 'hybrid, typos'] as const;

/** The question with one letter left out of its longest word: "deductible" becomes "deuctible". */
export function misspell(question: string): string {
  const longest = question
    .split(/[^A-Za-z]+/)
    .reduce((best, word) => (word.length > best.length ? word : best), '');
  if (longest.length < 6) return question;
  return question.replace(longest, longest.slice(0, 2) + longest.slice(3));
}

/**
 * Hybrid search latency over a synthetic corpus (contoso passages with words swapped, random
 * 384-d vectors), excluding query embedding. The contoso questions are the queries; each round
 * runs them all after a warm-up, and the reported figures are the median over rounds.
 */
export async function searchBenchmark(options: {
  backend: Backend;
  size: number;
  contoso: string;
  rounds: number;
  /** Passages per document: 500 by default; small documents make every common word widespread. */
  perDocument?: number;
}) {
  const opened = await openBenchStore(options.backend);
  try {
    const { store } = opened;
    const model = await store.registerEmbeddingModel('bench:random-384', 384);
    const pool = await contosoPassages(join(options.contoso, 'docs'));
    // A bulk load builds the HNSW graph once at the end, as an operator would for a first
    // import; registering the model again recreates the index.
    const index = `chunk_embeddings_hnsw_${model.id}_${model.dimensions}`;
    await store.database.execute(`DROP INDEX ${index}`);
    const load = await timed(() =>
      loadSyntheticCorpus(store, model, pool, options.size, undefined, options.perDocument),
    );
    const build = await timed(async () => {
      await store.database.execute("SET maintenance_work_mem = '1GB'");
      await store.registerEmbeddingModel(model.name, model.dimensions);
    });
    await store.database.execute('ANALYZE');
    const questions = parseGroundTruth(
      await readFile(join(options.contoso, 'ground_truth.jsonl'), 'utf8'),
    ).map((evalCase) => evalCase.question);
    const next = random(7);
    const request = (mode: (typeof modes)[number], text: string): SearchRequest => ({
      text,
      limit: 10,
      ...(mode === 'keyword' ? {} : { vector: { model, values: randomUnitVector(next, 384) } }),
      ...(mode === 'hybrid, 1 collection' ? { collections: ['beta'] } : {}),
    });
    for (const question of questions.slice(0, 20)) await store.search(request('hybrid', question));
    const latency: Record<string, { p50: number; p95: number }> = {};
    for (const mode of modes) {
      const rounds: { p50: number; p95: number }[] = [];
      for (let round = 0; round < options.rounds; round += 1) {
        const samples: number[] = [];
        for (const question of [...questions, ...questions]) {
          const started = performance.now();
          if (mode === 'hybrid, typos') {
            // Search asks for the corrections first (beside the query's embedding), then
            // searches with the question as typed; both are the store's cost of a typo.
            const typed = misspell(question);
            const typos = await store.correctSpelling({ text: typed });
            await store.search({ ...request(mode, typed), typos: typos.map((typo) => typo.typed) });
          } else {
            await store.search(request(mode, question));
          }
          samples.push(performance.now() - started);
        }
        rounds.push({ p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) });
      }
      latency[mode] = {
        p50: median(rounds.map((round) => round.p50)),
        p95: median(rounds.map((round) => round.p95)),
      };
    }
    // Issue 10: questions with small numbers, 10 at a time. A number is in nearly every
    // document, and counting its passages once read every document's row for it.
    const numbers = [
      'What is covered for 2 visits per year?',
      'Is there a 10 percent coinsurance?',
      'What happens after 30 days?',
      'How many of the 3 plans cover vision?',
      'Do I pay 20 percent after the deductible?',
    ];
    const concurrentRounds: { p50: number; max: number }[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const samples: number[] = [];
      await Promise.all(
        Array.from({ length: 10 }, async (_, worker) => {
          for (let index = 0; index < 10; index += 1) {
            const started = performance.now();
            await store.search(request('hybrid', numbers[(worker + index) % numbers.length] ?? ''));
            samples.push(performance.now() - started);
          }
        }),
      );
      concurrentRounds.push({ p50: percentile(samples, 0.5), max: Math.max(...samples) });
    }
    const numbersConcurrent = {
      p50: median(concurrentRounds.map((round) => round.p50)),
      max: median(concurrentRounds.map((round) => round.max)),
    };
    return {
      numbersConcurrent,
      documents: Math.ceil(options.size / (options.perDocument ?? 500)),
      backend: options.backend,
      server: await serverVersion(store),
      passages: options.size,
      loadSeconds: load.seconds,
      indexSeconds: build.seconds,
      queriesPerRound: questions.length * 2,
      rounds: options.rounds,
      latency,
      peakRssMb: peakRssMegabytes(),
    };
  } finally {
    await opened.close();
  }
}
