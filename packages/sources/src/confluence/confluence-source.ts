import { defineSourceType } from '../source-type.js';
import { ConfluenceCloud } from './confluence-cloud.js';
import { ConfluenceDataCenter } from './confluence-data-center.js';
import { confluenceSettings } from './confluence-settings.js';

export const confluenceSource = defineSourceType({
  settings: confluenceSettings,
  secrets: ['token'],
  create: (settings, context) => {
    const options = context.onRetry ? { onRetry: context.onRetry } : {};
    return settings.deployment === 'cloud'
      ? new ConfluenceCloud(settings, options)
      : new ConfluenceDataCenter(settings, options);
  },
});
