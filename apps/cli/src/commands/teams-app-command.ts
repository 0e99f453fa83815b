import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildAppPackage, isGuid } from '@knowhow/teams-bot';
import type { CommandContext } from '../command-context.js';
import { environmentExamples } from '../environment-examples.js';

export interface TeamsAppOptions {
  readonly out: string;
  readonly version?: string;
  readonly website?: string;
}

/**
 * `knowhow teams-app` (`npm run package`): the Teams app package for the configured bot, to
 * upload in Teams (Apps → Manage your apps → Upload an app) or in the Teams admin center.
 */
export async function runTeamsApp(
  context: CommandContext,
  options: TeamsAppOptions,
): Promise<number> {
  const appId = context.env.MicrosoftAppId;
  if (!appId) {
    context.warn(
      'Set MicrosoftAppId (the Azure Bot\'s app id) to package the Teams app; see "Set up in Teams" in the README.',
    );
    return 2;
  }
  if (!isGuid(appId)) {
    context.warn(
      `Invalid configuration:\n  MicrosoftAppId: must be a GUID, the Azure Bot's Microsoft App ID (got ${JSON.stringify(appId)}); for example MicrosoftAppId=${environmentExamples['MicrosoftAppId']}`,
    );
    return 1;
  }
  try {
    const { zip } = await buildAppPackage({
      botId: appId,
      ...(options.version ? { version: options.version } : {}),
      ...(options.website ? { websiteUrl: options.website } : {}),
    });
    const path = resolve(options.out);
    await writeFile(path, zip);
    context.print(
      `Wrote ${path} (bot ${appId}). Upload it in Teams: Apps → Manage your apps → Upload an app.`,
    );
    if (!options.website) {
      context.warn(
        'Note: the app links to https://example.com/knowhow as its website; pass --website https://… for your own page.',
      );
    }
    return 0;
  } catch (error) {
    context.warn(`Cannot package the Teams app: ${(error as Error).message}`);
    return 1;
  }
}
