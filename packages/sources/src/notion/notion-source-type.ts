import { defineSourceType } from '../source-type.js';
import { NotionSource } from './notion-source.js';
import { notionSettings } from './notion-settings.js';

export const notionSource = defineSourceType({
  settings: notionSettings,
  secrets: ['token'],
  create: (settings, context) =>
    new NotionSource(settings, context.onRetry ? { onRetry: context.onRetry } : {}),
});
