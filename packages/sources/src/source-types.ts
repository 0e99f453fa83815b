import { confluenceSource } from './confluence/confluence-source.js';
import { googleDriveSource } from './google-drive/google-drive-source-type.js';
import { githubSource } from './github/github-source-type.js';
import { notionSource } from './notion/notion-source-type.js';
import { sharepointSource } from './sharepoint/sharepoint-source-type.js';
import type { SourceType } from './source-type.js';
import { webSource } from './web/web-source-type.js';

/** Every source type `knowhow.yaml` may name, by its `type`. */
export const sourceTypes: Readonly<Record<string, SourceType>> = {
  confluence: confluenceSource,
  web: webSource,
  sharepoint: sharepointSource,
  github: githubSource,
  notion: notionSource,
  'google-drive': googleDriveSource,
};
