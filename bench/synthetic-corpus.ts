import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  chunkDocument,
  type EmbeddingModel,
  type KnowledgeStore,
  loadDocument,
} from '@knowhow/rag-core';

/** A seeded pseudo-random generator (mulberry32): the same corpus on every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomUnitVector(next: () => number, dimensions: number): number[] {
  const values = Array.from({ length: dimensions }, () => next() * 2 - 1);
  const length = Math.hypot(...values);
  return values.map((value) => value / length);
}

/** Real passages of the contoso PDFs, as the text pool of the synthetic corpus. */
export async function contosoPassages(directory: string): Promise<string[]> {
  const passages: string[] = [];
  for (const name of [
    'Benefit_Options.pdf',
    'Northwind_Health_Plus_Benefits_Details.pdf',
    'Northwind_Standard_Benefits_Details.pdf',
    'PerksPlus.pdf',
    'employee_handbook.pdf',
    'role_library.pdf',
  ]) {
    const loaded = await loadDocument('pdf', await readFile(join(directory, name)));
    passages.push(...(await chunkDocument(loaded)).map((chunk) => chunk.text));
  }
  return passages;
}

/**
 * Loads `total` passages in documents of `perDocument` (500), each a real contoso passage with a few words
 * swapped for words of other passages (so rows differ), and a random unit vector.
 */
export async function loadSyntheticCorpus(
  store: KnowledgeStore,
  model: EmbeddingModel,
  pool: readonly string[],
  total: number,
  collections: readonly string[] = ['alpha', 'beta', 'gamma', 'delta'],
  perDocument = 500,
): Promise<void> {
  const next = random(42);
  const words = pool.join(' ').split(/\s+/);
  for (let document = 0; document * perDocument < total; document += 1) {
    const count = Math.min(perDocument, total - document * perDocument);
    const chunks = Array.from({ length: count }, (_, index) => {
      const base = (pool[(document * perDocument + index) % pool.length] ?? '').split(/\s+/);
      for (let swap = 0; swap < 5; swap += 1)
        base[Math.floor(next() * base.length)] = words[Math.floor(next() * words.length)] ?? '';
      return {
        text: base.join(' '),
        heading: null,
        pageStart: index + 1,
        pageEnd: index + 1,
        tokenCount: base.length,
      };
    });
    await store.replaceDocument(
      {
        collection: collections[document % collections.length] ?? 'alpha',
        uri: `synthetic://document/${document}`,
        source: `synthetic/document-${document}.pdf`,
        title: `Synthetic benefits booklet ${document}`,
        url: null,
        contentHash: `synthetic-${document}`,
        chunking: 'synthetic',
        mediaType: 'application/pdf',
        sizeBytes: 0,
        metadata: {},
      },
      chunks,
      { model, values: chunks.map(() => randomUnitVector(next, model.dimensions)) },
    );
  }
}
