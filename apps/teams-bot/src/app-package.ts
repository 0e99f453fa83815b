import { readFile } from 'node:fs/promises';
import { strToU8, zipSync } from 'fflate';

const folder = new URL('../appPackage/', import.meta.url);

export interface AppPackageOptions {
  /** The Azure Bot's app id (MicrosoftAppId). */
  readonly botId: string;
  /** The Teams app's own id; by default the bot's. */
  readonly teamsAppId?: string;
  readonly version?: string;
  /** An https page about the app (also used as privacy and terms page). */
  readonly websiteUrl?: string;
  readonly developerName?: string;
}

/** Azure app ids and tenant ids are GUIDs; Teams refuses a package with anything else. */
export function isGuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/**
 * The Teams app package to upload (sideload) or publish: `appPackage/manifest.json` with the
 * ids filled in, and the two icons, zipped. Throws a clear error for values Teams refuses.
 */
export async function buildAppPackage(
  options: AppPackageOptions,
): Promise<{ zip: Uint8Array; manifest: Record<string, unknown> }> {
  const values: Record<string, string> = {
    BOT_ID: options.botId,
    TEAMS_APP_ID: options.teamsAppId ?? options.botId,
    APP_VERSION: options.version ?? '1.0.0',
    WEBSITE_URL: options.websiteUrl ?? 'https://example.com/knowhow',
    DEVELOPER_NAME: options.developerName ?? 'Knowhow',
  };
  for (const [option, value] of [
    ['the bot id', options.botId],
    ['the Teams app id', options.teamsAppId],
  ] as const) {
    if (value !== undefined && !isGuid(value))
      throw new Error(
        `${option} must be a GUID such as 00000000-0000-0000-0000-000000000000, not "${value}"`,
      );
  }
  if (!/^\d+\.\d+\.\d+$/.test(values['APP_VERSION'] ?? ''))
    throw new Error('the version must look like 1.0.0');
  if (!/^https:\/\/[^\s"]+$/.test(values['WEBSITE_URL'] ?? ''))
    throw new Error('the website must be an https:// URL');
  const template = await readFile(new URL('manifest.json', folder), 'utf8');
  const filled = template.replace(
    /\$\{\{(\w+)\}\}/g,
    (placeholder, name: string) => values[name] ?? placeholder,
  );
  const manifest = JSON.parse(filled) as Record<string, unknown>;
  const zip = zipSync({
    'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
    'color.png': new Uint8Array(await readFile(new URL('color.png', folder))),
    'outline.png': new Uint8Array(await readFile(new URL('outline.png', folder))),
  });
  return { zip, manifest };
}
