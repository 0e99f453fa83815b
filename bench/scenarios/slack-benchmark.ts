import { createAsker, createChatModel, createSearcher, ingestFiles } from '@knowhow/rag-core';
import { FakeOpenAIServer } from '@knowhow/rag-core/testing';
import { startSlackBot } from '@knowhow/slack-bot';
import {
  FakeSlackServer,
  fakeBot,
  httpBody,
  mentionEvent,
  postSigned,
} from '@knowhow/slack-bot/testing';
import { PgConversationStore } from '@knowhow/store-pgvector';
import { type Backend, openBenchStore, serverVersion } from '../bench-store.js';
import { peakRssMegabytes } from '../statistics.js';
import { burstTimings, sequentialTimings } from './chat-bot-timing.js';

const secret = 'bench-signing-secret';
const questions = [
  'How many vacation days do new employees get?',
  'How long is parental leave?',
  'What is the home office budget?',
  'How do I book a flight for a business trip?',
  'Which password manager do we use?',
];
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * The Slack bot over HTTP, as Slack drives it: signed `app_mention` events POSTed to the
 * running bot, the Web API and the model faked on localhost (the model answers at once).
 * Measures the HTTP acknowledgement and the time from sending the event to the final answer
 * reaching Slack (`chat.update` with the blocks), one at a time and 50 at once.
 */
export async function slackBenchmark(options: {
  backend: Backend;
  handbook: string;
  rounds: number;
}) {
  const opened = await openBenchStore(options.backend);
  const slack = await FakeSlackServer.start();
  const model = await FakeOpenAIServer.start();
  model.respondWith(() => ({ content: 'New employees get 25 vacation days [1].' }));
  const { store } = opened;
  await ingestFiles({ store }, { paths: [options.handbook] });
  const chatModel = await createChatModel({ apiKey: 'bench', baseURL: model.baseURL });
  const bot = await startSlackBot(
    {
      botToken: 'xoxb-test-token',
      connection: { mode: 'http', signingSecret: secret },
      apiUrl: slack.apiUrl,
      port: 0,
      command: '/kb',
      rateLimitPerMinute: 100_000,
      historyMessages: 20,
      streamIntervalMs: 1000,
      // The placeholder-and-update path; slack-streaming-benchmark.ts measures streaming.
      streaming: false,
    },
    {
      ask: createAsker({ search: createSearcher({ store }), chatModel }),
      conversations: new PgConversationStore(store.database),
      checkHealth: () => store.database.query('SELECT 1'),
      logger: silent,
    },
  );
  const events = `http://127.0.0.1:${bot.port}/slack/events`;
  let sequence = 0;

  /** Sends one mention (optionally twice, as a retry); resolves with ack and answer times. */
  async function mention(deliveries = 1) {
    sequence += 1;
    const channel = `C0BENCH${sequence % 7}`;
    const text = `<@${fakeBot.userId}> ${questions[sequence % questions.length]}`;
    const asked = slack.postAsUser({ channel, user: `U0USER${sequence % 50}`, text });
    const body = httpBody.event(mentionEvent({ channel, user: 'U0USER', text, ts: asked.ts }));
    const sent = performance.now();
    const acks = await Promise.all(
      Array.from({ length: deliveries }, (_, retry) =>
        postSigned(events, body, secret, retry > 0 ? { retryNum: retry } : {}),
      ),
    );
    const final = await slack.waitFor(
      () =>
        slack
          .callsTo('chat.update')
          .find(
            (call) =>
              call.args['channel'] === channel &&
              call.args['blocks'] &&
              slack.channels.find(channel, String(call.args['ts']))?.threadTs === asked.ts,
          ),
      30_000,
    );
    return { channel, threadTs: asked.ts, acks, answerMs: final.at - sent };
  }

  try {
    const sequential = await sequentialTimings(mention, options.rounds);

    // 50 mentions at once, each also delivered a second time as Slack's retry.
    const burst = await Promise.all(Array.from({ length: 50 }, () => mention(2)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    let answered = 0;
    let duplicates = 0;
    let errors = 0;
    for (const result of burst) {
      const replies = slack.channels
        .thread(result.channel, result.threadTs)
        .filter((message) => message.botId !== undefined);
      if (replies.length === 1 && replies[0]?.blocks) answered += 1;
      if (replies.length > 1) duplicates += replies.length - 1;
      errors += result.acks.filter((ack) => ack.status !== 200).length;
      errors += replies.filter((reply) => reply.text.startsWith(':warning:')).length;
    }
    return {
      backend: options.backend,
      server: options.backend === 'postgres' ? await serverVersion(store) : 'PGlite 0.5',
      ...sequential,
      burst: {
        mentions: burst.length,
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
    await slack.stop();
    await opened.close();
  }
}
