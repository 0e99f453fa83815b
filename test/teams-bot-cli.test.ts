import { mkdtemp, readFile } from 'node:fs/promises';
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
import {
  channelMention,
  FakeBotConnector,
  person,
  personalMessage,
  postActivity,
} from '@knowhow/teams-bot/testing';
import { runKnowhow, startKnowhow } from './support/run-knowhow.js';
import { freePort } from './support/free-port.js';

// Ingesting the handbook into a fresh PGlite takes a minute on a loaded two-core machine.
const setupTimeoutMs = 180_000;
// Each test starts several knowhow processes, seconds apiece on a loaded machine.
const cliTestTimeoutMs = 240_000;

const handbook = fileURLToPath(new URL('../examples/handbook', import.meta.url));
const secret = 'cli-signing-secret';

describe('npm start with Teams (and Slack) configured', () => {
  let connector: FakeBotConnector;
  let slack: FakeSlackServer;
  let workspace: string;

  beforeAll(async () => {
    connector = await FakeBotConnector.start();
    slack = await FakeSlackServer.start();
    workspace = await mkdtemp(join(tmpdir(), 'knowhow-teams-cli-'));
  }, setupTimeoutMs);
  afterAll(async () => {
    await connector.stop();
    await slack.stop();
  });

  it(
    'runs both bots in one process: a Teams chat, a scoped Teams channel and a Slack mention are answered',
    async () => {
      const data = { KNOWHOW_DATA_DIR: join(workspace, 'data') };
      expect(
        (
          await runKnowhow(['ingest', handbook, '--collection', 'handbook'], {
            cwd: workspace,
            env: data,
          })
        ).code,
      ).toBe(0);
      const scoped = await runKnowhow(
        ['channel', 'set', '19:hr@thread.tacv2', '--collections', 'handbook'],
        { cwd: workspace, env: data },
      );
      expect(scoped.stdout).toContain(
        'teams 19:hr@thread.tacv2 now answers from collections handbook.',
      );

      // One HTTP server serves both bots (and /healthz, /metrics) on PORT.
      const port = await freePort();
      const [teamsPort, slackPort] = [port, port];
      const bots = startKnowhow(['start'], {
        cwd: workspace,
        env: {
          ...data,
          TEAMS_ALLOW_ANONYMOUS: 'true',
          PORT: String(port),
          SLACK_BOT_TOKEN: 'xoxb-test-token',
          SLACK_SIGNING_SECRET: secret,
          SLACK_API_URL: slack.apiUrl,
        },
      });
      try {
        await bots.waitForOutput('Ctrl-C stops it.');
        const { stdout, stderr } = bots.output();
        expect(stdout).toContain(
          `Knowhow is answering in Teams: the messaging endpoint is http://localhost:${teamsPort}/api/messages (this machine only)`,
        );
        expect(stdout).toContain('Knowhow is answering in Slack (HTTP');
        expect(stderr).toContain(
          'Note: TEAMS_ALLOW_ANONYMOUS=true: requests are not authenticated. For local testing only.',
        );
        expect((await fetch(`http://127.0.0.1:${teamsPort}/healthz`)).status).toBe(200);
        const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        expect(metrics).toContain('# TYPE knowhow_questions_total counter');

        const messages = `http://127.0.0.1:${teamsPort}/api/messages`;
        const chat = personalMessage({
          serviceUrl: connector.serviceUrl,
          from: person('Alice'),
          text: 'How many vacation days do new employees get?',
        });
        expect((await postActivity(messages, chat)).status).toBe(200);
        const answer = await connector.waitFor(
          () => connector.messagesTo(String((chat['conversation'] as { id: string }).id))[0],
        );
        expect(String(answer.activity['text'])).toContain(
          'No language model is configured, so here are the most relevant excerpts',
        );
        expect(String(answer.activity['text'])).toContain('25 vacation days');

        const inChannel = channelMention({
          serviceUrl: connector.serviceUrl,
          from: person('Bob'),
          question: 'How long is parental leave?',
          channelId: '19:hr@thread.tacv2',
          threadId: '42',
        });
        await postActivity(messages, inChannel);
        const threaded = await connector.waitFor(
          () => connector.messagesTo('19:hr@thread.tacv2;messageid=42')[0],
        );
        expect(String(threaded.activity['text'])).toContain('16 weeks');

        const text = `<@${fakeBot.userId}> Where is the Leeds office?`;
        const asked = slack.postAsUser({ channel: 'C0CLI', user: 'U0CLI', text });
        await postSigned(
          `http://127.0.0.1:${slackPort}/slack/events`,
          httpBody.event(mentionEvent({ channel: 'C0CLI', user: 'U0CLI', text, ts: asked.ts })),
          secret,
        );
        await slack.waitFor(() =>
          slack.channels
            .thread('C0CLI', asked.ts)
            .find((message) => message.botId && message.blocks),
        );
      } finally {
        const result = await bots.stop('SIGTERM');
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('Stopped.');
      }
    },
    cliTestTimeoutMs,
  );

  it(
    'packages the Teams app from the app id alone (no secret needed), and says when it is missing',
    async () => {
      const env = { KNOWHOW_DATA_DIR: join(workspace, 'data') };
      const appId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
      const packaged = await runKnowhow(
        ['teams-app', '--out', 'app.zip', '--app-version', '1.0.1'],
        {
          cwd: workspace,
          env: { ...env, MicrosoftAppId: appId },
        },
      );
      expect(packaged.code).toBe(0);
      expect(packaged.stdout).toContain(`app.zip (bot ${appId}). Upload it in Teams`);
      const zip = await readFile(join(workspace, 'app.zip'));
      expect(zip.subarray(0, 2).toString()).toBe('PK');
      for (const name of ['manifest.json', 'color.png', 'outline.png']) {
        expect(zip.includes(name)).toBe(true);
      }
      const missing = await runKnowhow(['teams-app'], { cwd: workspace, env });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("Set MicrosoftAppId (the Azure Bot's app id)");
    },
    cliTestTimeoutMs,
  );

  it(
    'says which Teams variable is missing',
    async () => {
      const env = { KNOWHOW_DATA_DIR: join(workspace, 'data') };
      const noSecret = await runKnowhow(['teams'], {
        cwd: workspace,
        env: { ...env, MicrosoftAppId: 'app-id' },
      });
      expect(noSecret.code).toBe(1);
      expect(noSecret.stderr).toContain(
        "MicrosoftAppPassword: is required for MicrosoftAppType=MultiTenant (the app's client secret)",
      );
      const noTenant = await runKnowhow(['teams'], {
        cwd: workspace,
        env: {
          ...env,
          MicrosoftAppId: 'app-id',
          MicrosoftAppPassword: 'secret',
          MicrosoftAppType: 'SingleTenant',
        },
      });
      expect(noTenant.stderr).toContain(
        'MicrosoftAppTenantId: is required for MicrosoftAppType=SingleTenant',
      );
    },
    cliTestTimeoutMs,
  );
});
