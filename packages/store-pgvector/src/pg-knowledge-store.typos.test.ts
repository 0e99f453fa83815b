import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PgKnowledgeStore } from './pg-knowledge-store.js';
import { openTestStore, sampleChunk, sampleDocument, testBackends } from './testing/index.js';

const passages = {
  gender: 'Gender affirming care: hormone therapy and surgeries.',
  // Has "cover" as well as "affirm" and "care": without "gender" it ranks first.
  providers: 'Members affirm which care providers they cover.',
  dental: 'Dental care covers two cleanings a year.',
  form: 'Send form 1040 with the claim.',
};

describe.each(testBackends())('typo tolerance on $name', (backend) => {
  let store: PgKnowledgeStore;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ store, close } = await openTestStore(backend));
    await store.replaceDocument(
      sampleDocument('benefits.md', { title: 'Benefits' }),
      Object.values(passages).map((text) => sampleChunk(text)),
    );
  });
  afterAll(() => close());

  // Every word of the question is named a typo unless told otherwise: which words are is the
  // searcher's judgement (createSearcher), what each stands for the store's.
  const texts = async (text: string, typos = text.split(/\W+/), search = store) =>
    (await search.search({ text, limit: 5, typos })).map((hit) => hit.text);

  it('searches a misspelt word as the most similar word of the knowledge base', async () => {
    expect((await texts('Does Contoso cover gendr affirming care?'))[0]).toBe(passages.gender);
    expect(await texts('dentl cleanngs')).toEqual([passages.dental]);
  });

  it('corrects no word the searcher did not name a typo', async () => {
    expect((await texts('Does Contoso cover gendr affirming care?', []))[0]).toBe(
      passages.providers,
    );
    const strict = new PgKnowledgeStore(store.database, { search: { typoSimilarity: 2 } });
    expect((await texts('Does Contoso cover gendr affirming care?', ['gendr'], strict))[0]).toBe(
      passages.providers,
    );
  });

  it('counts a corrected word as not found in the coverage the relevance floor reads', async () => {
    const [hit] = await store.search({ text: 'gendr therapy', limit: 1, typos: ['gendr'] });
    expect(hit).toMatchObject({ text: passages.gender });
    const [asked] = await store.search({ text: 'gender therapy', limit: 1 });
    expect(hit?.keywordCoverage).toBeGreaterThan(0);
    expect(hit?.keywordCoverage).toBeLessThan(asked?.keywordCoverage ?? 0);
    const [alone] = await store.search({ text: 'gendr', limit: 1, typos: ['gendr'] });
    expect(alone).toMatchObject({ text: passages.gender, keywordCoverage: 0 });
  });

  it('leaves words of three letters and numbers as they are', async () => {
    expect(await texts('cre')).toEqual([]);
    expect(await texts('form 1041')).toEqual([passages.form]);
    const { rows } = await store.database.query('SELECT 1 FROM vocabulary WHERE lexeme = $1', [
      '1040',
    ]);
    expect(rows).toHaveLength(1);
    expect(await texts('1041')).toEqual([]);
  });

  it('corrects nothing towards a word that is not like it, or only part of it', async () => {
    expect(await texts('sourdough bread')).toEqual([]);
    // More like "dental" than "gendr" is like "gender", but four letters longer: another word.
    expect(await texts('dentalwork')).toEqual([]);
  });

  it('names the typos of a question with the words the passages use, for its embedding', async () => {
    expect(
      await store.correctSpelling({ text: 'Does Contoso cover gendr affirming care?' }),
    ).toEqual([{ typed: 'gendr', word: 'gender' }]);
    // The lexeme is "clean"; the word given is one a passage has.
    expect(await store.correctSpelling({ text: 'two cleanngs' })).toEqual([
      { typed: 'cleanngs', word: 'cleanings' },
    ]);
    expect(await store.correctSpelling({ text: 'dental care' })).toEqual([]);
    expect(
      await store.correctSpelling({ text: 'gendr therapy', collections: ['elsewhere'] }),
    ).toEqual([]);
  });

  it('only corrects towards words of the searched collections', async () => {
    const hits = await store.search({
      text: 'gendr therapy',
      limit: 5,
      collections: ['elsewhere'],
      typos: ['gendr'],
    });
    expect(hits).toEqual([]);
  });
});
