import { defineSourceType } from '../source-type.js';
import { GithubSource } from './github-source.js';
import { githubSettings } from './github-settings.js';

export const githubSource = defineSourceType({
  settings: githubSettings,
  secrets: ['token'],
  create: (settings, context) =>
    new GithubSource(settings, context.onRetry ? { onRetry: context.onRetry } : {}),
});
