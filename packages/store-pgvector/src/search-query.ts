import type { SearchHit, SearchRequest } from '@knowhow/rag-core';
import pgvector from 'pgvector';
import type { Queryable } from './database.js';
import { queryWordSteps } from './query-words.js';
import { vectorColumn } from './vector-column.js';

export interface SearchTuning {
  /** Passages taken from each list before fusion. */
  readonly candidates: number;
  /**
   * Reciprocal rank constant, for ranking one list alone (keyword-only or vector-only); larger
   * flattens the difference between ranks.
   */
  readonly rrfK: number;
  /**
   * Share of the vector side in hybrid fusion: a passage scores `w × its cosine similarity
   * divided by the best one's + (1 − w) × the share of the question's word weight it contains`. Scores, unlike ranks, keep how much better the first passage is than the tenth.
   */
  readonly vectorWeight: number;
  /**
   * Bound on the passages full-text ranking reads: candidates come from the question's rarest
   * words until their passage counts reach this; when even the rarest word is more common,
   * from the passages containing all of its words.
   */
  readonly keywordBudget: number;
  /** Passages of the keyword list re-ranked by word rarity (IDF), after a first plain rank. */
  readonly rerankPool: number;
  /**
   * Least trigram similarity for a question word found in no passage to be searched as the
   * most similar word that is found (typo tolerance); above 1 turns it off.
   */
  readonly typoSimilarity: number;
}

// Measured on contoso and at 100k passages (docs/benchmarks.md): budgets from 500 and pools
// from 40 rank the same; larger ones only cost latency. The vector weight was measured on
// contoso and the TTS handbook with MiniLM: 0.45-0.5 was best on both (0.3 and 0.8 each lost one).
export const defaultSearchTuning: SearchTuning = {
  candidates: 40,
  rrfK: 60,
  vectorWeight: 0.5,
  keywordBudget: 500,
  rerankPool: 40,
  typoSimilarity: 0.4,
};

interface HitRow {
  id: number;
  document_id: number;
  collection: string;
  source: string;
  uri: string;
  url: string | null;
  title: string;
  heading: string | null;
  page_start: number | null;
  page_end: number | null;
  page_breaks: number[] | null;
  text: string;
  score: number;
  vector_rank: number | null;
  keyword_rank: number | null;
  vector_distance: number | null;
  keyword_score: number | null;
  keyword_coverage: number | null;
  ordinal: number;
  token_count: number;
}

/**
 * Words of a question are OR-ed, not AND-ed: a question rarely repeats a passage's exact
 * wording, and ranking rewards passages matching more (and rarer-weighted) terms. Quoted
 * phrases stay phrases; `-word` still excludes.
 */
export function splitKeywordQuery(text: string): { include: string; exclude: string } {
  const terms = text.match(/"[^"]*"|\S+/g) ?? [];
  const exclude = terms.filter((term) => term.length > 1 && term.startsWith('-'));
  const include = terms.filter((term) => !exclude.includes(term));
  return { include: include.join(' '), exclude: exclude.join(' ') };
}

/**
 * ts_rank weights in {D, C, B, A} order: body text (D) counts most, headings (B) half, the
 * title (A) little, because every passage of a document repeats its title.
 */
const rankWeights = '{1.0,0.5,0.5,0.2}';

/**
 * When the candidates are the passages with every word of the question and those are many,
 * the first $6 of them in the table's order are on its first pages. The bitmap scan of
 * `candidates` returns them in that order too, so reading those pages finds the same ones
 * without the GIN index listing all of them (15 ms for 50,000 passages). `prefix_end` is the
 * end of 2 × $6 matches' worth of pages (more when the words go together, as they do);
 * when the prefix holds fewer than $6, `candidates` reads the index as before. Not in some
 * collections: their passages may all be at the end of the table, and the prefix a waste.
 */
function prefixSteps(collections: string | undefined): string {
  if (collections)
    return 'prefix AS (SELECT NULL::int AS id, NULL::tsvector AS search_vector WHERE false)';
  return `prefix_end AS (
      SELECT format('(%s,0)', pages::bigint)::tid AS tid FROM (
        SELECT ceil(2 * $6 / nullif(q.all_words_share, 0) * t.relpages / t.reltuples) AS pages,
          t.relpages
        FROM candidate_query AS q, pg_class AS t
        WHERE t.oid = 'chunks'::regclass AND t.reltuples > 0
      ) AS bound
      -- A twentieth of the table at most: the cost of a prefix that falls short.
      WHERE pages <= relpages / 20
    ),
    prefix AS MATERIALIZED (
      -- A filter, not the index: the rows come in the table's order (a TID range scan).
      SELECT c.id, c.search_vector || ''::tsvector AS search_vector FROM chunks c
      WHERE c.ctid < (SELECT tid FROM prefix_end)
        AND (c.search_vector || ''::tsvector) @@ (SELECT q FROM candidate_query)
      LIMIT $6
    )`;
}

/** The hybrid search statement: keyword and vector lists fused by reciprocal rank. */
export function buildSearchQuery(
  request: SearchRequest,
  tuning: SearchTuning = defaultSearchTuning,
): { sql: string; params: unknown[] } {
  const { include, exclude } = splitKeywordQuery(request.text);
  const params: unknown[] = [
    include,
    exclude,
    tuning.candidates,
    tuning.rrfK,
    request.limit,
    tuning.keywordBudget,
    tuning.rerankPool,
  ];
  const collections = request.collections?.length
    ? `(SELECT id FROM documents WHERE collection = ANY($${params.push([...request.collections])}::text[]))`
    : undefined;
  const inCollections = collections ? `AND c.document_id IN ${collections}` : '';
  // Candidates are the passages with the question's rarer words, as long as those words
  // together occur in at most $6 passages; when every word is common, the passages with all of
  // them, at most $6. Either way ranking reads a bounded number of rows. The LIMIT also keeps
  // the step separate, so the full query filters candidates instead of scanning the index again.
  const keywordsOn = !(request.vector && request.keywords === false);
  // Typo tolerance corrects only the words the searcher judged misspelt (request.typos).
  const words = keywordsOn
    ? queryWordSteps({
        termsInCollections: collections ? `AND terms.document_id IN ${collections}` : '',
        typoSimilarity: tuning.typoSimilarity,
        typos: `$${params.push((request.typos ?? []).join(' '))}::text`,
      })
    : '';
  const keyword = `${words},
    ${prefixSteps(collections)},
    candidates AS (
      -- The vector's copy in memory (|| '' changes nothing): ranking reads it twice plus three
      -- times per word, and a long passage's vector would be fetched from TOAST every time.
      SELECT id, search_vector FROM prefix WHERE (SELECT count(*) FROM prefix) >= $6
      UNION ALL
      (SELECT c.id, c.search_vector || ''::tsvector AS search_vector FROM chunks c, candidate_query
       WHERE c.search_vector @@ candidate_query.q ${inCollections}
         AND (SELECT count(*) FROM prefix) < $6
       LIMIT $6)
    ),
    keyword_pool AS (
      SELECT candidates.id, candidates.search_vector
      FROM candidates, keyword_query
      WHERE candidates.search_vector @@ keyword_query.q
      ORDER BY ts_rank('${rankWeights}', candidates.search_vector, keyword_query.q) DESC, candidates.id
      LIMIT $7
    ),
    keyword AS (
      SELECT keyword_pool.id, scored.score::float8 AS score,
        (scored.matched / nullif(question_weight.total, 0))::float8 AS coverage,
        (scored.matched_as_asked / nullif(question_weight.as_asked, 0))::float8 AS coverage_as_asked
      FROM keyword_pool, question_weight, LATERAL (
        SELECT sum(word.idf * ts_rank('${rankWeights}', keyword_pool.search_vector, word.q)) AS score,
          coalesce(sum(word.idf) FILTER (WHERE keyword_pool.search_vector @@ word.q), 0) AS matched,
          coalesce(sum(word.idf) FILTER (
            WHERE keyword_pool.search_vector @@ word.q AND NOT word.corrected
          ), 0) AS matched_as_asked
        FROM weighted_words AS word WHERE word.q IS NOT NULL
      ) AS scored
      ORDER BY score DESC, keyword_pool.id LIMIT $3
    ),
    keyword_ranked AS (
      SELECT id, score, coverage, coverage_as_asked,
        (row_number() OVER (ORDER BY score DESC, id))::int AS rank
      FROM keyword
    )`;
  // Vector-only ranking (evaluation): the keyword list is empty, its parameters still typed.
  const keywordOff = `keyword_ranked AS (
      SELECT NULL::int AS id, NULL::float8 AS score, NULL::float8 AS coverage,
        NULL::float8 AS coverage_as_asked, NULL::int AS rank
      WHERE $1::text IS NULL AND $2::text IS NULL AND $6::int IS NULL AND $7::int IS NULL
    )`;
  let semantic = `semantic_ranked AS (SELECT NULL::int AS id, NULL::float8 AS distance, NULL::int AS rank WHERE false)`;
  if (request.vector) {
    const column = vectorColumn(request.vector.model);
    const vectorParam = `$${params.push(pgvector.toSql([...request.vector.values]))}${column.queryCast}`;
    semantic = `
      semantic AS (
        SELECT e.chunk_id AS id, (${column.expression} <=> ${vectorParam})::float8 AS distance
        FROM chunk_embeddings e ${inCollections ? 'JOIN chunks c ON c.id = e.chunk_id' : ''}
        WHERE e.model_id = ${Math.trunc(request.vector.model.id)} ${inCollections}
        ORDER BY ${column.expression} <=> ${vectorParam} LIMIT $3
      ),
      semantic_ranked AS (
        SELECT id, distance, (row_number() OVER (ORDER BY distance, id))::int AS rank FROM semantic
      )`;
  }
  const lists = keywordsOn ? keyword : keywordOff;
  const hybrid = request.vector !== undefined && request.keywords !== false;
  // One list alone ranks by reciprocal rank, which keeps its own order.
  const fusedScore = hybrid
    ? `$${params.push(tuning.vectorWeight)}::float8 * coalesce((1 - s.distance) / nullif(b.high, 0), 0)
         + (1 - $${params.length}::float8) * coalesce(k.coverage, 0)
         -- $4 (the rank constant) only orders equal scores here
         + coalesce(1.0::float8 / ($4 + k.rank), 0) * 1e-9`
    : 'coalesce(1.0::float8 / ($4 + s.rank), 0) + coalesce(1.0::float8 / ($4 + k.rank), 0)';
  const sql = `WITH ${lists}, ${semantic},
     semantic_bounds AS (SELECT greatest(max(1 - distance), 0) AS high FROM semantic_ranked),
     fused AS (
       SELECT coalesce(s.id, k.id) AS id, s.rank AS vector_rank, k.rank AS keyword_rank,
         s.distance AS vector_distance, k.score AS keyword_score,
         -- The relevance floor reads the words as asked: a guessed correction ranks, never admits.
         k.coverage_as_asked AS keyword_coverage,
         ${fusedScore} AS score
       FROM semantic_ranked s FULL OUTER JOIN keyword_ranked k ON k.id = s.id, semantic_bounds b
       ORDER BY score DESC, k.rank NULLS LAST, id LIMIT $5
     )
     SELECT f.*, c.document_id, c.ordinal, c.text, c.heading, c.page_start, c.page_end, c.page_breaks, c.token_count,
       d.collection, d.source, d.uri, d.title,
       -- A passage with an anchor links to its place in the page.
       CASE WHEN c.anchor IS NULL OR d.url IS NULL THEN d.url ELSE d.url || '#' || c.anchor END AS url
     FROM fused f JOIN chunks c ON c.id = f.id JOIN documents d ON d.id = c.document_id
     ORDER BY f.score DESC, f.id`;
  return { sql, params };
}

export async function searchChunks(
  database: Queryable,
  request: SearchRequest,
  tuning: SearchTuning = defaultSearchTuning,
): Promise<SearchHit[]> {
  const { sql, params } = buildSearchQuery(request, tuning);
  // Prepared: the statement is parsed once per connection, and the planner may keep a plan.
  const { rows } = await database.query<HitRow>(sql, params, { prepared: true });
  return rows.map(toHit);
}

function toHit(row: HitRow): SearchHit {
  return {
    chunkId: row.id,
    documentId: row.document_id,
    collection: row.collection,
    source: row.source,
    uri: row.uri,
    url: row.url,
    title: row.title,
    heading: row.heading,
    pageStart: row.page_start,
    pageEnd: row.page_end,
    pageBreaks: row.page_breaks,
    text: row.text,
    score: row.score,
    vectorRank: row.vector_rank,
    keywordRank: row.keyword_rank,
    vectorDistance: row.vector_distance,
    keywordScore: row.keyword_score,
    keywordCoverage: row.keyword_coverage,
    ordinal: row.ordinal,
    tokenCount: row.token_count,
  };
}
