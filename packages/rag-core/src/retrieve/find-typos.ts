import type { ActiveEmbedder } from '../embed/active-embedder.js';
import { hasWordVocabulary } from '../embed/word-vocabulary.js';
import { describeError } from '../errors.js';
import type { Log } from '../log-event.js';
import type {
  KnowledgeStore,
  SearchRequest,
  SpellingCorrection,
} from '../store/knowledge-store.js';

/**
 * The question's typos: words the store finds nowhere but like a word it has, and that the
 * embedding model does not know as whole words either. A misspelt word is unrelated pieces to
 * the model ("gendr": "gen", "##dr"); a word it knows is meant, even when the knowledge base
 * never uses it ("reception" is not "receipt", "storm" not "store"). Without a model that can
 * be asked (keyword-only, OpenAI embeddings) nothing is taken for a typo.
 */
export async function findTypos(
  embedder: ActiveEmbedder | undefined,
  store: { correctSpelling?: KnowledgeStore['correctSpelling'] },
  request: SearchRequest,
  log?: Log,
): Promise<SpellingCorrection[]> {
  const embeddings = embedder?.embeddings;
  if (!embeddings || !store.correctSpelling || !hasWordVocabulary(embeddings)) return [];
  const corrections = await store
    .correctSpelling({
      text: request.text,
      ...(request.collections ? { collections: request.collections } : {}),
    })
    // Correcting is a refinement: a failure leaves the question as typed, and says why.
    .catch((error: unknown) => {
      log?.({ type: 'search.spelling_failed', error: describeError(error) });
      return [];
    });
  const typos: SpellingCorrection[] = [];
  for (const correction of corrections) {
    if (!(await embeddings.knowsWord(correction.typed).catch(() => true))) typos.push(correction);
  }
  return typos;
}

/** The question with each typo replaced by its correction (whole words, any case). */
export function respell(text: string, typos: readonly SpellingCorrection[]): string {
  let spelled = text;
  for (const { typed, word } of typos) {
    const escaped = typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    spelled = spelled.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'),
      word,
    );
  }
  return spelled;
}
