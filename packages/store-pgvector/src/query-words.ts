// The words of a question as keyword ranking weighs them: the steps (CTEs) of the search
// statement up to the word list, its IDF weights and the candidate query. Parameters: $1 words
// to include, $2 words to exclude, $6 keyword budget. Word counts come from the searched
// collections (`termsInCollections` filters document_terms), so a word common elsewhere can
// still select a small collection's passages.

export interface QueryWordOptions {
  /** `AND terms.document_id IN (…)`, or empty for every collection. */
  readonly termsInCollections: string;
  /** Least trigram similarity (0..1) for a word found nowhere to stand for a word found. */
  readonly typoSimilarity: number;
  /** A text parameter naming the words that may be corrected; absent: every word found nowhere. */
  readonly typos?: string;
}

// How many passages of the searched collections hold `lexeme`: summed over at most $6 + 1 of
// its documents, because beyond that it is common whatever the exact count, and reading every
// document of a word that is in all of them (numbers, in a corpus of many small files) cost a
// query 100 ms and more. The count of such a word comes from the planner statistics when
// they have it.
const countPassages = (lexeme: string, budget: string) => String.raw`
      CASE WHEN counted.documents > ${budget}
        THEN greatest(counted.passages, (
          SELECT common.share * (SELECT reltuples FROM pg_class WHERE oid = 'chunks'::regclass)
          FROM common_words AS common WHERE common.lexeme = ${lexeme} LIMIT 1
        ))
        ELSE counted.passages
      END`;
const countedPassages = (lexeme: string, termsInCollections: string, budget: string) => String.raw`
      LATERAL (
        SELECT coalesce(sum(found.chunks), 0) AS passages, count(*) AS documents
        FROM (
          SELECT terms.chunks FROM document_terms terms
          WHERE terms.lexeme = ${lexeme} ${termsInCollections} LIMIT ${budget} + 1
        ) AS found
      ) AS counted`;
/** A lexeme (an SQL expression) as a tsquery term. */
export const quoteLexeme = (lexeme: string) =>
  String.raw`'''' || replace(replace(${lexeme}, '\', '\\'), '''', '''''') || ''''`;

/**
 * The steps up to the question's words and their corrections (`asked_words`,
 * `used_corrections`), with the question text and the keyword budget in the given parameters.
 */
export function correctionSteps(
  { termsInCollections, typoSimilarity, typos }: QueryWordOptions,
  { text, budget }: { readonly text: string; readonly budget: string },
): string {
  // Only the words the caller judged misspelt, when it names them.
  const named = typos
    ? `AND asked.lexeme IN (SELECT unnest(tsvector_to_array(to_tsvector('english', ${typos}))))`
    : '';
  const similarity = Number(typoSimilarity).toFixed(3);
  return String.raw`
    common_words AS (
      -- Planner statistics: the share of passages holding each of the most common lexemes.
      SELECT common.lexeme, common.share
      FROM pg_stats AS stats,
        unnest(stats.most_common_elems::text::text[], stats.most_common_elem_freqs) AS common (lexeme, share)
      WHERE stats.schemaname = current_schema() AND stats.tablename = 'chunks'
        AND stats.attname = 'search_vector'
    ),
    asked_words AS (
      SELECT word.lexeme, ${countPassages('word.lexeme', budget)} AS passages
      FROM unnest(tsvector_to_array(to_tsvector('english', ${text}))) AS word (lexeme),
      ${countedPassages('word.lexeme', termsInCollections, budget)}
    ),
    corrections AS (
      -- Typo tolerance: a word of four letters or more found in no searched passage stands for
      -- the most similar vocabulary word (pg_trgm trigrams) that is found, when it is similar
      -- enough and at most two letters longer or shorter: a typo, not a word that contains
      -- another ("workplace" is not "work"). Words with digits are left alone: a code or a year
      -- near another is another.
      SELECT asked.lexeme AS asked, near.lexeme, near.passages
      FROM asked_words AS asked, LATERAL (
        SELECT candidate.lexeme, ${countPassages('candidate.lexeme', budget)} AS passages
        FROM (
          SELECT vocabulary.lexeme, similarity(vocabulary.lexeme, asked.lexeme) AS similarity
          FROM vocabulary
          WHERE vocabulary.lexeme % asked.lexeme AND similarity(vocabulary.lexeme, asked.lexeme) >= ${similarity}
            AND abs(length(vocabulary.lexeme) - length(asked.lexeme)) <= 2
          ORDER BY 2 DESC, 1 LIMIT 5
        ) AS candidate,
        ${countedPassages('candidate.lexeme', termsInCollections, budget)}
        WHERE counted.passages > 0
        ORDER BY candidate.similarity DESC, counted.passages DESC, candidate.lexeme LIMIT 1
      ) AS near
      WHERE asked.passages = 0 AND length(asked.lexeme) >= 4 AND asked.lexeme !~ '[0-9]' ${named}
    ),
    used_corrections AS (
      -- A word the question also has as asked, or a second typo of the same word, adds nothing.
      SELECT DISTINCT ON (lexeme) asked, lexeme, passages FROM corrections
      WHERE lexeme NOT IN (SELECT lexeme FROM asked_words)
      ORDER BY lexeme, asked
    )`;
}

/** Every step of the keyword list up to the candidate and ranking queries. */
export function queryWordSteps(options: QueryWordOptions): string {
  return String.raw`${correctionSteps(options, { text: '$1', budget: '$6' })},
    query_words AS (
      SELECT words.lexeme, words.passages, ${quoteLexeme('words.lexeme')} AS quoted, words.corrected
      FROM (
        SELECT lexeme, passages, false AS corrected FROM asked_words
        WHERE lexeme NOT IN (SELECT asked FROM used_corrections)
        UNION ALL
        SELECT lexeme, passages, true FROM used_corrections
      ) AS words
    ),
    corrected_query AS (
      SELECT string_agg(${quoteLexeme('lexeme')}, ' | ')::tsquery AS q FROM used_corrections
    ),
    corpus AS (
      -- reltuples estimates the passage count for free; before the first ANALYZE it is -1 and
      -- the most frequent query word stands in.
      SELECT greatest(
        (SELECT reltuples FROM pg_class WHERE oid = 'chunks'::regclass)::float8,
        (SELECT max(passages) FROM query_words)::float8,
        1
      ) AS passages
    ),
    weighted_words AS (
      -- IDF: rare words decide the rank, so "how many vacation days" is about vacation, not
      -- "many". A word found nowhere weighs as much as the rarest possible word: it still
      -- counts in the question's weight below, which a passage then cannot cover.
      SELECT CASE WHEN words.passages > 0 THEN quoted::tsquery END AS q,
        ln(1 + corpus.passages / greatest(words.passages, 1)) AS idf,
        -- As asked, a corrected word was found nowhere.
        CASE WHEN words.corrected THEN ln(1 + corpus.passages)
          ELSE ln(1 + corpus.passages / greatest(words.passages, 1))
        END AS idf_as_asked,
        words.corrected
      FROM query_words AS words, corpus
    ),
    question_weight AS (
      -- Ranking weighs corrected words as the words they stand for; the relevance floor reads
      -- the question's words as asked (coverage_as_asked), so a guess never admits a question.
      SELECT sum(idf) AS total, sum(idf_as_asked) AS as_asked FROM weighted_words
    ),
    candidate_query AS (
      SELECT CASE WHEN min(passages) > $6
        THEN string_agg(quoted, ' & ')::tsquery
        ELSE (string_agg(quoted, ' | ') FILTER (WHERE running <= $6))::tsquery
      END AS q,
      -- The share of passages with every word, were the words independent (see prefix_end).
      CASE WHEN min(passages) > $6
        THEN exp(sum(ln(least(passages / (SELECT passages FROM corpus), 1))))
      END AS all_words_share
      FROM (
        SELECT quoted, passages, sum(passages) OVER (ORDER BY passages, lexeme) AS running
        FROM query_words WHERE passages > 0
      ) AS ranked
    ),
    keyword_query AS MATERIALIZED (
      -- The question as typed (phrases, exclusions), or-ed with the corrected words. Computed
      -- once: a prepared statement's generic plan parsed it again for every candidate's rank.
      SELECT CASE WHEN $2 = '' THEN q ELSE q && websearch_to_tsquery('english', $2) END AS q
      FROM (
        SELECT CASE WHEN corrected_query.q IS NULL THEN typed.q ELSE typed.q || corrected_query.q END AS q
        FROM corrected_query,
          (SELECT replace(websearch_to_tsquery('english', $1)::text, ' & ', ' | ')::tsquery AS q) AS typed
      ) AS parsed
    )`;
}
