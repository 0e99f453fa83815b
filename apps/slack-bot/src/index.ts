export type { BotLogger } from '@knowhow/bot-host';
export { type SlackBotConfig, type SlackConnection, slackEnvironment } from './env.js';
export { type SlackBot, startSlackBot } from './start-slack-bot.js';
