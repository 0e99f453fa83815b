import { defineSourceType } from '../source-type.js';
import { SharepointSource } from './sharepoint-source.js';
import { sharepointSettings } from './sharepoint-settings.js';

export const sharepointSource = defineSourceType({
  settings: sharepointSettings,
  secrets: ['client_secret'],
  create: (settings, context) =>
    new SharepointSource(settings, context.onRetry ? { onRetry: context.onRetry } : {}),
});
