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
    // `--out -`: the zip on stdout, for a container whose files are not the host's.
    const toStdout = options.out === '-';
    const path = toStdout ? 'the package' : resolve(options.out);
    if (toStdout) await writeStdout(zip);
    else await writeFile(path, zip);
    (toStdout ? context.warn : context.print)(
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

function writeStdout(data: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(data, (error) => (error ? reject(error) : resolve())),
  );
}
