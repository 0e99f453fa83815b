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
import { type Backend, openBenchStore } from '../bench-store.js';
import { median, percentile } from '../statistics.js';

const secret = 'bench-signing-secret';
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
const answer = `${'New employees get 25 vacation days in their first year. '.repeat(4)}[1]`;

/**
 * Slack's native streaming, as a user sees it: from the signed event to the first visible
 * progress (the thread status), and from the model's first token to the first text reaching
 * Slack (`chat.startStream`), with the model streaming 30 ms a piece. Then 50 mentions at once
 * with every 4th Web API call rate-limited (Retry-After 1 s): how many answers arrive.
 */
export async function slackStreamingBenchmark(options: {
  backend: Backend;
  handbook: string;
  rounds: number;
}) {
  const opened = await openBenchStore(options.backend);
  const slack = await FakeSlackServer.start();
  const model = await FakeOpenAIServer.start();
  model.respondWith(() => ({ content: answer, pieceDelayMs: 30 }));
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
      streaming: true,
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
  const inChannel = (method: string, channel: string) =>
    slack
      .callsTo(method)
      .find((call) => (call.args['channel'] ?? call.args['channel_id']) === channel);

  async function mention() {
    sequence += 1;
    const channel = `C0STREAM${sequence}`;
    const text = `<@${fakeBot.userId}> How many vacation days do new employees get?`;
    const asked = slack.postAsUser({ channel, user: `U0USER${sequence % 50}`, text });
    const sent = performance.now();
    await postSigned(
      events,
      httpBody.event(mentionEvent({ channel, user: 'U0USER', text, ts: asked.ts })),
      secret,
    );
    return { channel, sent };
  }

  try {
    const progress: number[][] = [];
    const firstText: number[][] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const roundProgress: number[] = [];
      const roundText: number[] = [];
      for (let index = 0; index < 30; index += 1) {
        const { channel, sent } = await mention();
        await slack.waitFor(() => inChannel('chat.stopStream', channel), 30_000);
        const firstToken = model.pieceTimes[0] ?? Number.NaN;
        const status = inChannel('assistant.threads.setStatus', channel);
        const start = inChannel('chat.startStream', channel);
        roundProgress.push((status?.at ?? Number.NaN) - sent);
        roundText.push((start?.at ?? Number.NaN) - firstToken);
      }
      progress.push(roundProgress);
      firstText.push(roundText);
    }
    const summary = (rounds: number[][]) => ({
      p50: median(rounds.map((samples) => percentile(samples, 0.5))),
      p95: median(rounds.map((samples) => percentile(samples, 0.95))),
    });

    slack.rateLimitEvery(4, 1);
    const burst = await Promise.all(Array.from({ length: 50 }, () => mention()));
    const delivered = await Promise.all(
      burst.map(({ channel }) =>
        slack
          .waitFor(
            () =>
              slack.channels
                .in(channel)
                .find((message) => message.botId && message.blocks && !message.streaming),
            120_000,
          )
          .then(
            (message) => !message.text.startsWith(':warning:'),
            () => false,
          ),
      ),
    );
    slack.rateLimitEvery(0);
    return {
      backend: options.backend,
      firstProgress: summary(progress),
      firstText: summary(firstText),
      rateLimited: { mentions: burst.length, answered: delivered.filter(Boolean).length },
    };
  } finally {
    await bot.stop(1000);
    await model.stop();
    await slack.stop();
    await opened.close();
  }
}
