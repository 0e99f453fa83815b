import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { slackEnvironment } from './env.js';

const manifestPath = new URL('../manifest.yml', import.meta.url);

interface Manifest {
  features: { slash_commands: { command: string }[]; bot_user: { display_name: string } };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

describe('the Slack app manifest', () => {
  it('asks for what the bot uses: mentions, DMs, thread history, /kb and buttons', async () => {
    const manifest = parse(await readFile(manifestPath, 'utf8')) as Manifest;
    const defaults = slackEnvironment.parse({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
    });
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual([
      defaults.command,
    ]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      'app_mention',
      'assistant_thread_started',
      'message.im',
      'message.mpim',
    ]);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'app_mentions:read',
      'assistant:write',
      'channels:history',
      'chat:write',
      'commands',
      'groups:history',
      'im:history',
      'mpim:history',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
