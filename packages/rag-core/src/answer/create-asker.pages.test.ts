import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Search } from '../retrieve/create-searcher.js';
import type { SearchHit } from '../store/knowledge-store.js';
import { FakeOpenAIServer } from '../testing/fake-openai-server.js';
import { createAsker } from './create-asker.js';
import { createChatModel } from './create-chat-model.js';
import { describeLocation } from './describe-location.js';

const pageOne = 'New employees get 25 vacation days in their first year.';
const pageTwo = 'Dental cover starts after three months.';
const pageThree = 'Parking permits are issued by the Facilities team on request.';

function hit(ordinal: number, text: string, extra: Partial<SearchHit> = {}): SearchHit {
  return {
    chunkId: ordinal + 1,
    documentId: 1,
    ordinal,
    collection: 'hr',
    source: 'benefits.pdf',
    uri: 'file:///benefits.pdf',
    url: null,
    title: 'Benefits',
    heading: null,
    pageStart: 1,
    pageEnd: 1,
    text,
    score: 0.03,
    vectorRank: null,
    keywordRank: ordinal + 1,
    vectorDistance: null,
    keywordScore: 1,
    keywordCoverage: 0.9,
    ...extra,
  };
}

// One passage over pages 1 and 2, as chunking stores it, and its neighbour on page 3.
const twoPages = hit(0, `${pageOne}\n\n${pageTwo}`, {
  pageEnd: 2,
  pageBreaks: [pageOne.length + 2],
});
const third = hit(1, pageThree, { pageStart: 3, pageEnd: 3 });

const searchReturning =
  (hits: SearchHit[]): Search =>
  async (_query, options) => ({ hits, mode: 'keyword', ...options });

describe('page-exact citations', () => {
  it('cites an excerpt by the page its quoted sentence is on, not the passage’s range', async () => {
    const ask = createAsker({ search: searchReturning([twoPages]) });
    const vacation = await ask({ question: 'How many vacation days do new employees get?' });
    expect(vacation.text).toBe(`> ${pageOne} [1]`);
    expect(vacation.citations.map(describeLocation)).toEqual(['p. 1']);
    expect(vacation.citations[0]?.excerpt.startsWith(pageOne)).toBe(true);
    const dental = await ask({ question: 'When does dental cover start?' });
    expect(dental.citations.map(describeLocation)).toEqual(['p. 2']);
    expect(dental.citations[0]?.excerpt).toBe(pageTwo);
  });

  it('cites both pages when the quoted sentences are on both', async () => {
    const ask = createAsker({ search: searchReturning([twoPages]) });
    const answer = await ask({ question: 'vacation days and dental cover for employees' });
    expect(answer.citations.map(describeLocation)).toEqual(['pp. 1–2']);
  });

  it('cites the passage’s range when its page breaks are not known (stored before 0009)', async () => {
    const ask = createAsker({ search: searchReturning([{ ...twoPages, pageBreaks: null }]) });
    const answer = await ask({ question: 'How many vacation days do new employees get?' });
    expect(answer.citations.map(describeLocation)).toEqual(['pp. 1–2']);
  });

  it('cites a page-3 neighbour merged into no source of three pages', async () => {
    const ask = createAsker({ search: searchReturning([third, twoPages]) });
    const answer = await ask({ question: 'Who issues parking permits on request?' });
    expect(answer.text).toBe(`> ${pageThree} [1]`);
    expect(answer.citations.map(describeLocation)).toEqual(['p. 3']);
  });

  it('cites a neighbour that goes back a page by its own pages, not merged after a later one', async () => {
    // Chunking after a short page 2: a tail piece on page 3, then the next passage's overlap
    // starting back on page 1, then page 3 again.
    const tail = hit(4, '3.1 Parking', { pageStart: 3, pageEnd: 3 });
    const back = hit(5, `${pageOne}\n\n${pageTwo}`, {
      pageStart: 1,
      pageEnd: 2,
      pageBreaks: [pageOne.length + 2],
    });
    const after = hit(6, pageThree, { pageStart: 3, pageEnd: 3 });
    const ask = createAsker({ search: searchReturning([back, tail, after]) });
    const answer = await ask({ question: 'How many vacation days do new employees get?' });
    expect(answer.text).toBe(`> ${pageOne} [1]`);
    expect(answer.citations.map(describeLocation)).toEqual(['p. 1']);
  });

  describe('with a language model', () => {
    let server: FakeOpenAIServer;
    beforeAll(async () => {
      server = await FakeOpenAIServer.start({ apiKey: 'key' });
    });
    afterAll(() => server.stop());

    it('cites each source by its page or two pages', async () => {
      server.respondWith(() => ({
        content: 'Vacation is 25 days [1]; permits come from Facilities [2].',
      }));
      const chatModel = await createChatModel({
        apiKey: 'key',
        baseURL: server.baseURL,
        timeoutMs: 10_000,
        maxRetries: 0,
      });
      const ask = createAsker({ search: searchReturning([twoPages, third]), chatModel });
      const answer = await ask({ question: 'vacation days and parking permits?' });
      expect(answer.citations.map(describeLocation)).toEqual(['pp. 1–2', 'p. 3']);
    });
  });
});
