/**
 * Embeddings that can say whether a word is a whole word of their vocabulary. A word the
 * model splits into pieces ("gendr": "gen", "##dr") is likely a typo; a word it knows is
 * meant, even when the knowledge base never uses it ("storm" is not "store").
 */
export interface WordVocabulary {
  knowsWord(word: string): Promise<boolean>;
}

export function hasWordVocabulary(embeddings: object): embeddings is WordVocabulary {
  return typeof (embeddings as Partial<WordVocabulary>).knowsWord === 'function';
}
