import { createAsker, createChatModel, createSearcher, ingestFiles } from '@knowhow/rag-core';
import { FakeOpenAIServer } from '@knowhow/rag-core/testing';
import { PgConversationStore } from '@knowhow/store-pgvector';
import { startTeamsBot } from '@knowhow/teams-bot';
import {
  FakeBotConnector,
  person,
  personalMessage,
  postActivity,
} from '@knowhow/teams-bot/testing';
import { type Backend, openBenchStore, serverVersion } from '../bench-store.js';
import { peakRssMegabytes } from '../statistics.js';
import { burstTimings, sequentialTimings } from './chat-bot-timing.js';

const questions = [
  'How many vacation days do new employees get?',
  'How long is parental leave?',
  'What is the home office budget?',
  'How do I book a flight for a business trip?',
  'Which password manager do we use?',
];
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The Teams bot over HTTP, as Bot Framework drives it: activities POSTed to /api/messages
 * (anonymous mode: token checks are not what is measured), the Bot Connector and the model
 * faked on localhost (the model answers at once). Measures the HTTP acknowledgement and the
 * time from sending the activity to the answer reaching the Bot Connector, one at a time and
 * 50 at once.
 */
export async function teamsBenchmark(options: {
  backend: Backend;
  handbook: string;
  rounds: number;
}) {
  const opened = await openBenchStore(options.backend);
  const connector = await FakeBotConnector.start();
  const model = await FakeOpenAIServer.start();
  model.respondWith(() => ({ content: 'New employees get 25 vacation days [1].' }));
  const { store } = opened;
  await ingestFiles({ store }, { paths: [options.handbook] });
  const chatModel = await createChatModel({ apiKey: 'bench', baseURL: model.baseURL });
  const bot = await startTeamsBot(
    {
      auth: { mode: 'anonymous' },
      allowedTenants: [],
      port: 0,
      rateLimitPerMinute: 100_000,
      historyTurns: 20,
      streaming: true,
      streamIntervalMs: 1000,
    },
    {
      ask: createAsker({ search: createSearcher({ store }), chatModel }),
      conversations: new PgConversationStore(store.database),
      checkHealth: () => store.database.query('SELECT 1'),
      logger: silent,
    },
  );
  const url = `http://127.0.0.1:${bot.port}/api/messages`;
  let sequence = 0;

  /** Sends one question (optionally twice, as a redelivery); resolves with ack and answer times. */
  async function ask(deliveries = 1) {
    sequence += 1;
    const conversationId = `a:bench-${sequence}`;
    const activity = personalMessage({
      serviceUrl: connector.serviceUrl,
      from: person(`User${sequence % 50}`),
      conversationId,
      text: questions[sequence % questions.length] ?? '',
    });
    const sent = performance.now();
    const acks = await Promise.all(
      Array.from({ length: deliveries }, () => postActivity(url, activity)),
    );
    const answer = await connector.waitFor(() => connector.messagesTo(conversationId)[0], 30_000);
    return { conversationId, acks, answerMs: answer.at - sent };
  }

  try {
    const sequential = await sequentialTimings(ask, options.rounds);

    // 50 questions at once, each also delivered a second time as Bot Framework's retry.
    const burst = await Promise.all(Array.from({ length: 50 }, () => ask(2)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    let answered = 0;
    let duplicates = 0;
    let errors = 0;
    for (const result of burst) {
      const replies = connector.messagesTo(result.conversationId);
      if (replies.length >= 1) answered += 1;
      duplicates += Math.max(0, replies.length - 1);
      errors += result.acks.filter((ack) => ack.status !== 200).length;
      errors += replies.filter((reply) => String(reply.activity['text']).startsWith('⚠️')).length;
    }
    return {
      backend: options.backend,
      server: options.backend === 'postgres' ? await serverVersion(store) : 'PGlite 0.5',
      ...sequential,
      burst: {
        questions: burst.length,
        answered,
        duplicates,
        errors,
        ...burstTimings(burst),
      },
      peakRssMb: peakRssMegabytes(),
    };
  } finally {
    await bot.stop(1000);
    await model.stop();
    await connector.stop();
    await opened.close();
  }
}
