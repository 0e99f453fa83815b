import { describe, expect, it } from '@jest/globals';
import { slackEnvironment } from '@knowhow/slack-bot';
import { teamsEnvironment } from '@knowhow/teams-bot';
import { loadEnvironment, knowhowEnvironment } from './env.js';
import { environmentExamples } from './environment-examples.js';

const problems = (variables: Record<string, string>, options = {}) => {
  try {
    loadEnvironment(variables, '/nonexistent', options);
  } catch (error) {
    return (error as Error).message.split('\n').slice(1);
  }
  throw new Error('the configuration was accepted');
};

describe('configuration errors', () => {
  it.each([
    [
      { KNOWHOW_MAX_FILE_MB: 'abc' },
      'KNOWHOW_MAX_FILE_MB: must be a number (got "abc"); for example KNOWHOW_MAX_FILE_MB=50',
    ],
    [
      { KNOWHOW_MAX_FILE_MB: '-1' },
      'KNOWHOW_MAX_FILE_MB: must be more than 0 (got "-1"); for example KNOWHOW_MAX_FILE_MB=50',
    ],
    [
      { KNOWHOW_LLM_TIMEOUT_MS: '2.5' },
      'KNOWHOW_LLM_TIMEOUT_MS: must be a whole number (got "2.5"); for example KNOWHOW_LLM_TIMEOUT_MS=60000',
    ],
    [
      { KNOWHOW_LLM_TIMEOUT_MS: '10' },
      'KNOWHOW_LLM_TIMEOUT_MS: must be at least 1000 (got "10"); for example KNOWHOW_LLM_TIMEOUT_MS=60000',
    ],
    [
      { KNOWHOW_EMBEDDINGS: 'magic' },
      'KNOWHOW_EMBEDDINGS: must be one of local, openai, none (got "magic"); for example KNOWHOW_EMBEDDINGS=local',
    ],
    [
      { OPENAI_BASE_URL: 'localhost:11434' },
      'OPENAI_BASE_URL: must be an http:// or https:// URL (got "localhost:11434"); for example OPENAI_BASE_URL=http://localhost:11434/v1',
    ],
    [
      { DATABASE_URL: 'mysql://root:hunter2@db/knowhow' },
      'DATABASE_URL: must be a postgres:// or postgresql:// URL (got "mysql://root:***@db/knowhow"); for example DATABASE_URL=postgres://knowhow:knowhow@localhost:5432/knowhow',
    ],
  ])('names the variable, the problem and an example for %p', (variables, line) => {
    expect(problems(variables)).toEqual([`  ${line}`]);
  });

  it('reads a value zod alone would call a URL as the mistake it is', () => {
    expect(problems({ OPENAI_BASE_URL: 'not a url' })).toEqual([
      '  OPENAI_BASE_URL: must be an http:// or https:// URL (got "not a url"); for example OPENAI_BASE_URL=http://localhost:11434/v1',
    ]);
  });

  it('never shows the value of a secret', () => {
    const [line] = problems(
      { SLACK_BOT_TOKEN: 'xoxp-secret-value', SLACK_APP_TOKEN: 'xapp-1' },
      {
        bots: true,
      },
    );
    expect(line).toBe(
      '  SLACK_BOT_TOKEN: must be a bot token, starting with xoxb- (got a hidden value of 17 characters); for example SLACK_BOT_TOKEN=xoxb-…',
    );
  });

  it('says what a missing variable is for, with an example', () => {
    expect(problems({ MicrosoftAppPassword: 'secret' }, { bots: true })).toEqual([
      "  MicrosoftAppId: is required (the Azure Bot's app id); for local testing without one set TEAMS_ALLOW_ANONYMOUS=true; for example MicrosoftAppId=00000000-0000-0000-0000-000000000000",
    ]);
  });

  it('has an example for every variable Knowhow, Slack and Teams read', () => {
    const names = [knowhowEnvironment, slackEnvironment, teamsEnvironment].flatMap((schema) =>
      Object.keys(schema.in.shape),
    );
    expect(names.filter((name) => !(name in environmentExamples))).toEqual([]);
  });
});
