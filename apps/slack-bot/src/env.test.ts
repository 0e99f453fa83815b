import { describe, expect, it } from '@jest/globals';
import { slackEnvironment } from './env.js';

const socket = { SLACK_BOT_TOKEN: 'xoxb-1-bot', SLACK_APP_TOKEN: 'xapp-1-app' };
const http = { SLACK_BOT_TOKEN: 'xoxb-1-bot', SLACK_SIGNING_SECRET: 'secret' };

/** Each issue as "PATH: message". */
function issues(input: Record<string, string>): string[] {
  const result = slackEnvironment.safeParse(input);
  if (result.success) throw new Error('expected the environment to be invalid');
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('slackEnvironment', () => {
  it('uses Socket Mode with an app token, with defaults for the rest', () => {
    expect(slackEnvironment.parse(socket)).toEqual({
      botToken: 'xoxb-1-bot',
      connection: { mode: 'socket', appToken: 'xapp-1-app' },
      apiUrl: 'https://slack.com/api/',
      port: 3000,
      command: '/kb',
      rateLimitPerMinute: 10,
      historyMessages: 20,
      streamIntervalMs: 1000,
      streaming: true,
    });
  });

  it('receives events over HTTP with a signing secret', () => {
    expect(slackEnvironment.parse(http).connection).toEqual({
      mode: 'http',
      signingSecret: 'secret',
    });
  });

  it('prefers Socket Mode when both are set', () => {
    expect(slackEnvironment.parse({ ...socket, ...http }).connection).toEqual({
      mode: 'socket',
      appToken: 'xapp-1-app',
    });
  });

  it('trims the tokens', () => {
    const config = slackEnvironment.parse({
      SLACK_BOT_TOKEN: ' xoxb-1-bot\n',
      SLACK_APP_TOKEN: ' xapp-1-app ',
    });
    expect(config.botToken).toBe('xoxb-1-bot');
    expect(config.connection).toEqual({ mode: 'socket', appToken: 'xapp-1-app' });
  });

  it('reads numbers and the command from text', () => {
    expect(
      slackEnvironment.parse({
        ...http,
        PORT: '8080',
        SLACK_COMMAND: '/ask-hr',
        SLACK_RATE_LIMIT_PER_MINUTE: '3',
        SLACK_HISTORY_MESSAGES: '0',
        SLACK_STREAM_INTERVAL_MS: '250',
      }),
    ).toMatchObject({
      port: 8080,
      command: '/ask-hr',
      rateLimitPerMinute: 3,
      historyMessages: 0,
      streamIntervalMs: 250,
    });
  });

  it('ends the API URL with a slash', () => {
    const apiUrl = (url: string) => slackEnvironment.parse({ ...http, SLACK_API_URL: url }).apiUrl;
    expect(apiUrl('http://127.0.0.1:9000/api')).toBe('http://127.0.0.1:9000/api/');
    expect(apiUrl('https://slack-gov.com/api/')).toBe('https://slack-gov.com/api/');
  });

  it('explains a missing bot token', () => {
    expect(issues({ SLACK_APP_TOKEN: 'xapp-1' })).toEqual([
      "SLACK_BOT_TOKEN: is required: the app's Bot User OAuth Token (xoxb-…), from OAuth & Permissions in the app's settings",
    ]);
  });

  it('refuses tokens of the wrong kind', () => {
    expect(issues({ SLACK_BOT_TOKEN: 'xoxp-user', SLACK_APP_TOKEN: 'xoxb-bot' })).toEqual([
      'SLACK_BOT_TOKEN: must be a bot token, starting with xoxb-',
      'SLACK_APP_TOKEN: must be an app-level token, starting with xapp-',
    ]);
  });

  it('asks for an app token or a signing secret', () => {
    expect(issues({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'SLACK_APP_TOKEN: is required for Socket Mode; or set SLACK_SIGNING_SECRET to receive events over HTTP',
    ]);
  });

  it('lists every invalid setting at once', () => {
    expect(
      issues({
        ...http,
        SLACK_API_URL: 'not a url',
        PORT: '70000',
        SLACK_COMMAND: 'kb',
        SLACK_RATE_LIMIT_PER_MINUTE: '0',
        SLACK_HISTORY_MESSAGES: '201',
        SLACK_STREAM_INTERVAL_MS: '50',
      }).map((issue) => issue.split(':')[0]),
    ).toEqual([
      'SLACK_API_URL',
      'PORT',
      'SLACK_COMMAND',
      'SLACK_RATE_LIMIT_PER_MINUTE',
      'SLACK_HISTORY_MESSAGES',
      'SLACK_STREAM_INTERVAL_MS',
    ]);
  });

  it('names the rule a setting breaks', () => {
    expect(issues({ ...http, SLACK_COMMAND: '/kb now' })).toEqual([
      'SLACK_COMMAND: must be a slash command such as /kb',
    ]);
    expect(issues({ ...http, PORT: '-1' })).toEqual(['PORT: Too small: expected number to be >=0']);
    expect(issues({ ...http, PORT: 'eighty' })).toEqual([
      'PORT: Invalid input: expected number, received NaN',
    ]);
    expect(issues({ ...http, SLACK_RATE_LIMIT_PER_MINUTE: '1.5' })).toEqual([
      'SLACK_RATE_LIMIT_PER_MINUTE: Invalid input: expected int, received number',
    ]);
  });

  it('refuses a blank app token or signing secret', () => {
    expect(issues({ ...http, SLACK_APP_TOKEN: '   ' })[0]).toMatch(/^SLACK_APP_TOKEN: /);
    expect(issues({ ...socket, SLACK_SIGNING_SECRET: ' ' })[0]).toMatch(/^SLACK_SIGNING_SECRET: /);
  });
});

describe('slackEnvironment, every problem at once', () => {
  it('lists the missing connection variable even when the bot token is missing too', () => {
    expect(issues({})).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: is required/),
      expect.stringMatching(/^SLACK_APP_TOKEN: is required for Socket Mode/),
    ]);
  });

  it('accepts only http(s) API URLs', () => {
    expect(issues({ ...http, SLACK_API_URL: 'ftp://slack.example' })).toEqual([
      'SLACK_API_URL: must be an http(s) URL such as https://slack.com/api/',
    ]);
  });
});
