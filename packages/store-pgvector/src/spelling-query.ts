import type { SpellingCorrection, SpellingRequest } from '@knowhow/rag-core';
import type { Queryable } from './database.js';
import { correctionSteps, quoteLexeme } from './query-words.js';
import type { SearchTuning } from './search-query.js';
import { splitKeywordQuery } from './search-query.js';

/**
 * The question's misspelt words (see `corrections` in query-words.ts) as typed, each with a
 * word of the knowledge base: for the query's embedding, which a typo moves far from the
 * passages it means. The word given is one a passage holding the correction actually uses,
 * since lexemes are stems ("vacat").
 */
export async function correctSpelling(
  database: Queryable,
  request: SpellingRequest,
  tuning: Pick<SearchTuning, 'keywordBudget' | 'typoSimilarity'>,
): Promise<SpellingCorrection[]> {
  const { include } = splitKeywordQuery(request.text);
  const params: unknown[] = [include, tuning.keywordBudget];
  const collections = request.collections?.length
    ? `(SELECT id FROM documents WHERE collection = ANY($${params.push([...request.collections])}::text[]))`
    : undefined;
  const steps = correctionSteps(
    {
      termsInCollections: collections ? `AND terms.document_id IN ${collections}` : '',
      typoSimilarity: tuning.typoSimilarity,
    },
    { text: '$1', budget: '$2' },
  );
  const { rows } = await database.query<{ typed: string | null; word: string | null }>(
    `WITH ${steps}
     SELECT
       (SELECT typed.word FROM regexp_split_to_table($1, '[^[:alnum:]]+') AS typed (word)
        WHERE tsvector_to_array(to_tsvector('english', typed.word)) = ARRAY[used.asked] LIMIT 1) AS typed,
       (SELECT used_word.word
        FROM (
          SELECT c.text FROM chunks c
          WHERE c.search_vector @@ (${quoteLexeme('used.lexeme')})::tsquery
            ${collections ? `AND c.document_id IN ${collections}` : ''}
          LIMIT 1
        ) AS passage, regexp_split_to_table(lower(passage.text), '[^[:alpha:]]+') AS used_word (word)
        WHERE tsvector_to_array(to_tsvector('english', used_word.word)) = ARRAY[used.lexeme]
        LIMIT 1) AS word
     FROM used_corrections AS used`,
    params,
    { prepared: true },
  );
  return rows.flatMap(({ typed, word }) => (typed && word ? [{ typed, word }] : []));
}
