import { z } from 'zod';
import { requiredText } from '../required-text.js';

/** The `knowhow.yaml` fields of a `type: google-drive` source. */
export const googleDriveSettings = z
  .strictObject({
    /** The service account's JSON key (GOOGLE_APPLICATION_CREDENTIALS). */
    credentials_file: requiredText(
      "the service account's JSON key file, e.g. ${GOOGLE_APPLICATION_CREDENTIALS}",
    ),
    /** A folder (and its subfolders), by the id in its URL: drive.google.com/drive/folders/<id>. */
    folder_id: z.string().trim().min(1).optional(),
    /** A shared drive, by the id in its URL; with folder_id, that folder of it. */
    drive_id: z.string().trim().min(1).optional(),
    /** Domain-wide delegation: read as this Workspace user instead of the service account. */
    subject: z.email().optional(),
    /** Origin of the Drive API; paths are /drive/v3/…. The token endpoint is the key's token_uri. */
    api_url: z
      .url({ protocol: /^https?$/ })
      .transform((url) => new URL(url).origin)
      .default('https://www.googleapis.com'),
  })
  .refine((settings) => settings.folder_id || settings.drive_id, {
    path: ['folder_id'],
    message: 'name a folder_id (drive.google.com/drive/folders/<id>) or a shared drive_id',
  });

export type GoogleDriveSettings = z.output<typeof googleDriveSettings>;

export const driveHints = {
  unauthorized:
    'Check credentials_file in knowhow.yaml: a current JSON key of the service account (IAM → Service accounts → Keys), whose project has the Google Drive API enabled',
  forbidden:
    'Share the folder (or add the service account to the shared drive) with the service account’s e-mail as Viewer, and enable the Google Drive API in its project',
  not_found:
    'Check folder_id and drive_id in knowhow.yaml, and that the folder is shared with the service account’s e-mail',
  unreachable: 'Check api_url in knowhow.yaml and that this machine can reach www.googleapis.com',
  rate_limited: 'Google Drive kept asking to slow down; the next pass continues',
} as const;
