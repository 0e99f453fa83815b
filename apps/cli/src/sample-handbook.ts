import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DocumentSummary } from '@knowhow/store-pgvector';

/** The sample handbook shipped with Knowhow, so a fresh clone has something to answer from. */
export const sampleHandbook = fileURLToPath(new URL('../../../examples/handbook', import.meta.url));

/** The collection `npm start` fills with the sample handbook when the knowledge base is empty. */
export const sampleCollection = 'sample';

/**
 * Said once when the bots start on a knowledge base holding the sample handbook: its made-up
 * policies would be answered as the company's. Undefined when there is none.
 */
export function sampleCollectionNotice(
  documents: readonly Pick<DocumentSummary, 'collection' | 'uri'>[],
): { readonly collections: string[]; readonly text: string } | undefined {
  const folder = `${pathToFileURL(sampleHandbook).href}/`;
  const byCollection = new Map<string, boolean>();
  for (const document of documents) {
    const sample = document.uri.startsWith(folder);
    byCollection.set(
      document.collection,
      (byCollection.get(document.collection) ?? true) && sample,
    );
  }
  const samples = [...byCollection].filter(([, sample]) => sample).map(([name]) => name);
  if (samples.length === 0) return undefined;
  const others = [...byCollection.keys()].filter((name) => !samples.includes(name));
  const named = samples.map((name) => `"${name}"`).join(', ');
  const where =
    others.length === 0
      ? `The knowledge base holds only Knowhow's sample handbook (collection ${named}), the made-up policies of a fictional company: every answer will come from it.`
      : `Collection ${named} is Knowhow's sample handbook, the made-up policies of a fictional company, next to ${others.join(', ')}: its policies can appear in answers.`;
  return {
    collections: samples,
    text: `Note: ${where} Remove it with: npx knowhow collections delete ${samples[0] ?? sampleCollection}`,
  };
}
