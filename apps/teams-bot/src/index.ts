export { type AppPackageOptions, buildAppPackage, isGuid } from './app-package.js';
export { type TeamsAuth, type TeamsBotConfig, teamsEnvironment, teamsRequested } from './env.js';
export { type TeamsBot, startTeamsBot } from './start-teams-bot.js';
