import { defineSourceType } from '../source-type.js';
import { GoogleDriveSource } from './google-drive-source.js';
import { googleDriveSettings } from './google-drive-settings.js';

export const googleDriveSource = defineSourceType({
  settings: googleDriveSettings,
  // The key file's path is no secret; its content is never read into settings.
  secrets: [],
  create: (settings, context) =>
    new GoogleDriveSource(settings, context.onRetry ? { onRetry: context.onRetry } : {}),
});
