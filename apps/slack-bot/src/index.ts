export type { BotLogger, SlackBotDependencies } from './bot-services.js';
export { type SlackBotConfig, type SlackConnection, slackEnvironment } from './env.js';
export { type SlackBot, startSlackBot } from './start-slack-bot.js';
