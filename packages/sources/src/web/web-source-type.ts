import { defineSourceType } from '../source-type.js';
import { WebSource } from './web-source.js';
import { webSettings } from './web-settings.js';

export const webSource = defineSourceType({
  settings: webSettings,
  secrets: ['headers'],
  create: (settings, context) =>
    new WebSource(settings, context.onRetry ? { onRetry: context.onRetry } : {}),
});
