// Search latency on a kept database, for tuning the search statement: loads the synthetic
// corpus once (the 150 s load is paid only when the database is not already that corpus), then
// times, dumps or EXPLAINs the contoso questions in the search benchmark's modes.
//   node bench/dist/search-latency.js --url postgres://… time --impl current,baseline --rounds 3
//   node bench/dist/search-latency.js --url … dump --impl current --out /tmp/current.json
//   node bench/dist/search-latency.js --url … explain --mode hybrid --question 12
// `--impl baseline` runs the statement builders copied to bench/dist/baseline/ (see
// searchImplementation), so old and new SQL are timed in one session against one database:
//   git stash; npx tsc -b; mkdir -p bench/dist/baseline
//   cp packages/store-pgvector/dist/{search-query,query-words,spelling-query,vector-column}.js bench/dist/baseline/
//   git stash pop; npx tsc -b
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type EmbeddingModel,
  parseGroundTruth,
  type SearchHit,
  type SearchRequest,
  type SpellingCorrection,
} from '@knowhow/rag-core';
import {
  defaultSearchTuning,
  openKnowledgeStore,
  type PgKnowledgeStore,
  type Queryable,
} from '@knowhow/store-pgvector';
import { misspell } from './scenarios/search-benchmark.js';
import { median, percentile } from './statistics.js';
import {
  contosoPassages,
  loadSyntheticCorpus,
  random,
  randomUnitVector,
} from './synthetic-corpus.js';

const modes = ['keyword', 'hybrid', 'hybrid, 1 collection', 'hybrid, typos'] as const;
type Mode = (typeof modes)[number];

interface SearchImplementation {
  searchChunks: (
    database: Queryable,
    request: SearchRequest,
    tuning: typeof defaultSearchTuning,
  ) => Promise<SearchHit[]>;
  correctSpelling: (
    database: Queryable,
    request: { text: string; collections?: string[] },
    tuning: typeof defaultSearchTuning,
  ) => Promise<SpellingCorrection[]>;
}

/** The store's statement builders as built, or a copy of older ones in bench/dist/<name>/. */
async function searchImplementation(name: string): Promise<SearchImplementation> {
  const directory =
    name === 'current'
      ? new URL('../../packages/store-pgvector/dist/', import.meta.url)
      : new URL(`./${name}/`, import.meta.url);
  const search = (await import(new URL('search-query.js', directory).href)) as SearchImplementation;
  const spelling = (await import(
    new URL('spelling-query.js', directory).href
  )) as SearchImplementation;
  return { searchChunks: search.searchChunks, correctSpelling: spelling.correctSpelling };
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: process.env.TEST_DATABASE_URL },
    size: { type: 'string', default: '100000' },
    impl: { type: 'string', default: 'current' },
    rounds: { type: 'string', default: '3' },
    mode: { type: 'string', default: 'hybrid' },
    modes: { type: 'string', default: modes.join(';') },
    question: { type: 'string', default: '0' },
    out: { type: 'string' },
    tail: { type: 'string', default: '5' },
    // EXPLAIN's options; 'BUFFERS, SUMMARY' times planning alone.
    explain: { type: 'string', default: 'ANALYZE, BUFFERS' },
    sql: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '3' },
    generic: { type: 'boolean', default: false },
  },
});
const contoso = resolve('..', 'shared', 'eval', 'contoso');
if (!values.url) throw new Error('--url or TEST_DATABASE_URL names the database');

/** Loads the corpus unless the database already holds exactly `size` passages of it. */
async function ensureCorpus(store: PgKnowledgeStore, size: number): Promise<EmbeddingModel> {
  const model = await store.registerEmbeddingModel('bench:random-384', 384);
  const { rows } = await store.database.query<{ passages: number }>(
    "SELECT count(*)::int AS passages FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.uri LIKE 'synthetic://%'",
  );
  if (rows[0]?.passages === size) return model;
  process.stderr.write(`loading ${size} passages\n`);
  await store.database.execute(
    'TRUNCATE documents, chunks, chunk_embeddings, document_terms, vocabulary CASCADE',
  );
  // As the search benchmark: the HNSW graph is built once, after the bulk load.
  await store.database.execute(`DROP INDEX chunk_embeddings_hnsw_${model.id}_${model.dimensions}`);
  const pool = await contosoPassages(join(contoso, 'docs'));
  await loadSyntheticCorpus(store, model, pool, size);
  await store.database.execute("SET maintenance_work_mem = '1GB'");
  await store.registerEmbeddingModel(model.name, model.dimensions);
  await store.database.execute('ANALYZE');
  return model;
}

/** The request of a mode; the vector depends only on the question's index, for equal dumps. */
function request(model: EmbeddingModel, mode: Mode, text: string, index: number): SearchRequest {
  const vector = randomUnitVector(random(1000 + index), 384);
  return {
    text,
    limit: 10,
    ...(mode === 'keyword' ? {} : { vector: { model, values: vector } }),
    ...(mode === 'hybrid, 1 collection' ? { collections: ['beta'] } : {}),
  };
}

/** One search as the benchmark runs it: a typo mode asks for corrections first. */
async function run(
  implementation: SearchImplementation,
  database: Queryable,
  model: EmbeddingModel,
  mode: Mode,
  question: string,
  index: number,
): Promise<SearchHit[]> {
  if (mode !== 'hybrid, typos')
    return implementation.searchChunks(
      database,
      request(model, mode, question, index),
      defaultSearchTuning,
    );
  const typed = misspell(question);
  const typos = await implementation.correctSpelling(
    database,
    { text: typed },
    defaultSearchTuning,
  );
  return implementation.searchChunks(
    database,
    { ...request(model, mode, typed, index), typos: typos.map((typo) => typo.typed) },
    defaultSearchTuning,
  );
}

/** A parameter as SQL text, for EXECUTE (which takes no protocol parameters). */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]`;
  if (typeof value === 'number') return String(value);
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** A Queryable that prints each statement's EXPLAIN (ANALYZE, BUFFERS) before running it. */
function explaining(database: Queryable, options: string): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      if (values.sql) process.stdout.write(`${JSON.stringify({ sql, params })}\n`);
      // --generic: the plan a prepared statement reuses, with the parameters left unknown.
      if (values.generic)
        await database.execute(
          `SET plan_cache_mode = force_generic_plan; PREPARE explained AS ${sql}`,
        );
      const arguments_ = params.map(literal).join(', ');
      const plan = await database.query<{ 'QUERY PLAN': string }>(
        values.generic
          ? `EXPLAIN (${options}) EXECUTE explained(${arguments_})`
          : `EXPLAIN (${options}) ${sql}`,
        values.generic ? [] : params,
      );
      if (values.generic) await database.execute('DEALLOCATE explained; RESET plan_cache_mode');
      process.stdout.write(`${plan.rows.map((row) => row['QUERY PLAN']).join('\n')}\n\n`);
      return database.query<Row>(sql, params);
    },
    execute: (script) => database.execute(script),
  };
}

const store = await openKnowledgeStore({ url: values.url, poolSize: 1 });
try {
  const model = await ensureCorpus(store, Number(values.size));
  const questions = parseGroundTruth(
    await readFile(join(contoso, 'ground_truth.jsonl'), 'utf8'),
  ).map((evalCase) => evalCase.question);
  const implementations = values.impl.split(',');
  const loaded = new Map<string, SearchImplementation>();
  for (const name of implementations) loaded.set(name, await searchImplementation(name));
  const use = (name: string) => loaded.get(name) as SearchImplementation;
  const chosenModes = values.modes.split(';') as Mode[];
  const command = positionals[0] ?? 'time';
  if (command === 'explain') {
    const index = Number(values.question);
    process.stdout.write(`-- ${values.mode}: ${questions[index]}\n`);
    // Earlier runs warm the session's catalog caches; the last one is printed.
    const quiet: Queryable = {
      ...store.database,
      query: (sql, params) => store.database.query(sql, params),
    };
    for (let repeat = 1; repeat < Number(values.repeat); repeat += 1)
      await run(
        use(implementations[0] ?? 'current'),
        quiet,
        model,
        values.mode as Mode,
        questions[index] ?? '',
        index,
      );
    await run(
      use(implementations[0] ?? 'current'),
      explaining(store.database, values.explain),
      model,
      values.mode as Mode,
      questions[index] ?? '',
      index,
    );
  } else if (command === 'dump') {
    const dump: Record<string, unknown> = {};
    for (const mode of chosenModes)
      for (const [index, question] of questions.entries())
        dump[`${mode} #${index}`] = await run(
          use(implementations[0] ?? 'current'),
          store.database,
          model,
          mode,
          question,
          index,
        );
    await writeFile(values.out ?? '/tmp/search-dump.json', JSON.stringify(dump, null, 1));
  } else {
    await timeModes(questions, model, implementations, use, chosenModes);
  }
  // The pool's one session: whether prepared statements run generic plans.
  const { rows } = await store.database.query<{ generic_plans: number; custom_plans: number }>(
    `SELECT position('chunk_embeddings' IN statement) > 0 AS vector,
       position('collection = ANY' IN statement) > 0 AS collections,
       position('used_word' IN statement) > 0 AS spelling, generic_plans, custom_plans
     FROM pg_prepared_statements`,
  );
  process.stderr.write(`prepared statements (generic, custom plans): ${JSON.stringify(rows)}\n`);
} finally {
  await store.close();
}

/** Rounds interleave the implementations: each round runs every mode of each in turn. */
async function timeModes(
  questions: string[],
  model: EmbeddingModel,
  implementations: string[],
  use: (name: string) => SearchImplementation,
  chosenModes: Mode[],
) {
  for (const name of implementations)
    for (const [index, question] of questions.slice(0, 20).entries())
      await run(use(name), store.database, model, 'hybrid', question, index);
  const figures = new Map<string, { p50: number[]; p95: number[]; perQuestion: number[][] }>();
  for (let round = 0; round < Number(values.rounds); round += 1) {
    for (const name of round % 2 ? [...implementations].reverse() : implementations)
      for (const mode of chosenModes) {
        const key = `${name} | ${mode}`;
        const entry = figures.get(key) ?? {
          p50: [],
          p95: [],
          perQuestion: questions.map(() => []),
        };
        figures.set(key, entry);
        const samples: number[] = [];
        for (const pass of [0, 1])
          for (const [index, question] of questions.entries()) {
            const started = performance.now();
            await run(use(name), store.database, model, mode, question, index);
            const elapsed = performance.now() - started;
            samples.push(elapsed);
            if (pass === 1) entry.perQuestion[index]?.push(elapsed);
          }
        entry.p50.push(percentile(samples, 0.5));
        entry.p95.push(percentile(samples, 0.95));
      }
    process.stderr.write(`round ${round + 1} done\n`);
  }
  for (const [key, entry] of figures) {
    const slowest = entry.perQuestion
      .map((times, index) => ({ index, ms: median(times) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, Number(values.tail))
      .map(({ index, ms }) => `#${index} ${ms.toFixed(1)}`);
    process.stdout.write(
      `${key}: p50 ${median(entry.p50).toFixed(1)} p95 ${median(entry.p95).toFixed(1)} ms` +
        ` (rounds p95 ${entry.p95.map((value) => value.toFixed(1)).join('/')}); slowest ${slowest.join(', ')}\n`,
    );
  }
}
