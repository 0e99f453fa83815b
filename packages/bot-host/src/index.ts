export type { BotEvent, ChatPlatform, ReportedFailure, StartedEvent } from './bot-event.js';
export type { BotEventLog } from './bot-event-log.js';
export {
  type BotHost,
  type BotHostOptions,
  createBotHost,
  databaseHealth,
  type HealthCheck,
  readBody,
  type RouteHandler,
} from './bot-host.js';
export { type BotMetrics, createBotMetrics } from './bot-metrics.js';
export {
  type BotLogger,
  type BotSettings,
  type ChatBot,
  type ChatBotDependencies,
  type ChatBotOptions,
  createChatBot,
  type RunningChatBot,
} from './create-chat-bot.js';
export {
  type JsonEndpoint,
  type JsonReply,
  type JsonRequest,
  jsonRoute,
  parseJson,
} from './json-route.js';
