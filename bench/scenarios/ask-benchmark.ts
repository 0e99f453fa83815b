import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createAsker,
  createChatModel,
  createSearcher,
  ingestFiles,
  parseGroundTruth,
} from '@knowhow/rag-core';
import { FakeOpenAIServer } from '@knowhow/rag-core/testing';
import { openBenchStore } from '../bench-store.js';
import { median, peakRssMegabytes, percentile } from '../statistics.js';

const handbookQuestions = [
  'How many vacation days do new employees get?',
  'How long is parental leave?',
  'What is the home office budget?',
  'Do I need a doctor note when I am sick?',
  'How do I book a flight for a business trip?',
  'What is the meal allowance on business trips?',
  'Which password manager do we use?',
  'What do I do if my laptop is stolen?',
  'Where is the Leeds office?',
  'How much is the learning budget?',
];

/**
 * `ask` end to end in-process on PGlite, with an OpenAI-compatible fake model that answers
 * at once: what remains is Knowhow's own time (retrieval, prompt, HTTP and SSE, citation
 * filtering). Then first-token latency: from the fake writing its first streamed piece to
 * the caller's onToken.
 */
export async function askBenchmark(options: {
  corpus: 'handbook' | 'contoso';
  contoso: string;
  handbook: string;
  rounds: number;
}) {
  const opened = await openBenchStore('pglite');
  const server = await FakeOpenAIServer.start();
  try {
    const { store } = opened;
    const paths =
      options.corpus === 'handbook' ? [options.handbook] : [join(options.contoso, 'docs')];
    const summary = await ingestFiles({ store }, { paths });
    const questions =
      options.corpus === 'handbook'
        ? handbookQuestions
        : parseGroundTruth(await readFile(join(options.contoso, 'ground_truth.jsonl'), 'utf8')).map(
            (evalCase) => evalCase.question,
          );
    const chatModel = await createChatModel({ apiKey: 'bench', baseURL: server.baseURL });
    const ask = createAsker({ search: createSearcher({ store }), chatModel });
    server.respondWith(() => ({
      content: 'The policy says so in its second section [1]. It also adds a detail [2].',
    }));
    for (const question of questions.slice(0, 10)) await ask({ question });
    const rounds: { p50: number; p95: number }[] = [];
    const statuses = new Map<string, number>();
    for (let round = 0; round < options.rounds; round += 1) {
      const samples: number[] = [];
      for (const question of Array.from(
        { length: 100 },
        (_, index) => questions[index % questions.length] ?? '',
      )) {
        const started = performance.now();
        const answer = await ask({ question });
        samples.push(performance.now() - started);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
      rounds.push({ p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) });
    }
    // First token: the fake streams 30 pieces 5 ms apart, after the retrieval is done.
    server.respondWith(() => ({ content: `${'word '.repeat(29)}end [1].`, pieceDelayMs: 5 }));
    const firstToken: number[] = [];
    for (const question of questions.slice(0, 50)) {
      let received: number | undefined;
      await ask({ question, onToken: () => (received ??= performance.now()) });
      const sent = server.pieceTimes[0];
      if (sent !== undefined && received !== undefined) firstToken.push(received - sent);
    }
    return {
      corpus: options.corpus,
      documents: summary.added,
      passages: summary.chunks,
      questions: questions.length,
      rounds: options.rounds,
      ask: {
        p50: median(rounds.map((round) => round.p50)),
        p95: median(rounds.map((round) => round.p95)),
      },
      statuses: Object.fromEntries(statuses),
      firstToken: {
        p50: percentile(firstToken, 0.5),
        p95: percentile(firstToken, 0.95),
        max: Math.max(...firstToken),
      },
      peakRssMb: peakRssMegabytes(),
    };
  } finally {
    await server.stop();
    await opened.close();
  }
}
