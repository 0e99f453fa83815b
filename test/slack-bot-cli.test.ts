import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  FakeSlackServer,
  fakeBot,
  httpBody,
  mentionEvent,
  postSigned,
} from '@knowhow/slack-bot/testing';
import { runKnowhow, startKnowhow } from './support/run-knowhow.js';
import { freePort } from './support/free-port.js';

// Ingesting the handbook into a fresh PGlite takes a minute on a loaded two-core machine.
const setupTimeoutMs = 180_000;
// Each test starts several knowhow processes, seconds apiece on a loaded machine.
const cliTestTimeoutMs = 240_000;

const handbook = fileURLToPath(new URL('../examples/handbook', import.meta.url));
const secret = 'cli-signing-secret';

describe('npm start with Slack configured', () => {
  let slack: FakeSlackServer;
  let workspace: string;

  beforeAll(async () => {
    slack = await FakeSlackServer.start();
    workspace = await mkdtemp(join(tmpdir(), 'knowhow-slack-cli-'));
  }, setupTimeoutMs);
  afterAll(() => slack.stop());

  it(
    'scopes a channel, starts the Slack bot, answers a signed mention in its thread and stops cleanly',
    async () => {
      const data = { KNOWHOW_DATA_DIR: join(workspace, 'data') };
      const ingest = await runKnowhow(['ingest', handbook, '--collection', 'handbook'], {
        cwd: workspace,
        env: data,
      });
      expect(ingest.code).toBe(0);
      const scoped = await runKnowhow(['channel', 'set', 'C0HR', '--collections', 'handbook,hr'], {
        cwd: workspace,
        env: data,
      });
      expect(scoped.stdout).toContain('slack C0HR now answers from collections handbook, hr.');
      expect(scoped.stderr).toContain('Note: hr holds no documents yet');
      const wrong = await runKnowhow(['channel', 'set', '#hr', '--collections', 'hr'], {
        cwd: workspace,
        env: data,
      });
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('"#hr" is not a channel id.');
      const listed = await runKnowhow(['channel', 'list'], { cwd: workspace, env: data });
      expect(listed.stdout).toContain('slack C0HR: collections handbook, hr');

      const port = await freePort();
      const bot = startKnowhow(['start'], {
        cwd: workspace,
        env: {
          ...data,
          SLACK_BOT_TOKEN: 'xoxb-test-token',
          SLACK_SIGNING_SECRET: secret,
          SLACK_API_URL: slack.apiUrl,
          PORT: String(port),
        },
      });
      try {
        await bot.waitForOutput('Knowhow is answering in Slack');
        expect(bot.output().stdout).toContain(`Health check: http://localhost:${port}/healthz`);
        expect(bot.output().stderr).toContain('"msg":"slack.started"');
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

        const text = `<@${fakeBot.userId}> How many vacation days do new employees get?`;
        const asked = slack.postAsUser({ channel: 'C0HR', user: 'U0ALICE', text });
        const delivery = await postSigned(
          `http://127.0.0.1:${port}/slack/events`,
          httpBody.event(mentionEvent({ channel: 'C0HR', user: 'U0ALICE', text, ts: asked.ts })),
          secret,
        );
        expect(delivery.status).toBe(200);
        const reply = await slack.waitFor(() =>
          slack.channels
            .thread('C0HR', asked.ts)
            .find((message) => message.botId && message.blocks),
        );
        expect(JSON.stringify(reply.blocks)).toContain(
          'No language model is configured, so here are the most relevant excerpts',
        );
        // Streamed (the default): the text is the message's, label and sources its blocks.
        expect(reply.text).toContain('25 vacation days');
        expect(JSON.stringify(reply.blocks)).toContain('"type":"feedback_buttons"');
      } finally {
        const result = await bot.stop('SIGTERM');
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('Stopped.');
      }
    },
    cliTestTimeoutMs,
  );

  it(
    'says which variable is missing or refused',
    async () => {
      const env = {
        KNOWHOW_DATA_DIR: join(workspace, 'data'),
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
      };
      const missing = await runKnowhow(['start'], {
        cwd: workspace,
        env: { ...env, SLACK_BOT_TOKEN: 'xoxb-test-token' },
      });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(
        'SLACK_APP_TOKEN: is required for Socket Mode; or set SLACK_SIGNING_SECRET to receive events over HTTP',
      );
      const noBotToken = await runKnowhow(['slack'], {
        cwd: workspace,
        env: { ...env, SLACK_SIGNING_SECRET: secret },
      });
      expect(noBotToken.stderr).toContain(
        "SLACK_BOT_TOKEN: is required: the app's Bot User OAuth Token (xoxb-…)",
      );
      const refused = await runKnowhow(['slack'], {
        cwd: workspace,
        env: { ...env, SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: secret },
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        'Slack refused the token (invalid_auth): check SLACK_BOT_TOKEN',
      );
    },
    cliTestTimeoutMs,
  );
});
