import { z } from 'zod';
import { requiredText } from '../required-text.js';

/** A page or database id as Notion shows it: plain, dashed, or at the end of its URL. */
const notionId = z
  .string()
  .trim()
  .transform((value, context) => {
    const hex = /([0-9a-f]{32})(?:[?#].*)?$/i.exec(value.replace(/-/g, ''))?.[1];
    if (!hex) {
      context.addIssue({
        code: 'custom',
        message: `"${value}" is not a Notion id: copy the page's link (… /Title-<32 hex digits>) or its id`,
      });
      return z.NEVER;
    }
    const id = hex.toLowerCase();
    return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
  });

/** The `knowhow.yaml` fields of a `type: notion` source. */
export const notionSettings = z.strictObject({
  /** The internal integration secret (`ntn_…` or `secret_…`). */
  token: requiredText('the internal integration secret, e.g. ${NOTION_TOKEN}'),
  /** Only these pages and what is below them; default everything shared with the integration. */
  root_pages: z.array(notionId).default([]),
  /** Only these databases' rows (and what is below them). */
  databases: z.array(notionId).default([]),
  /** Origin of the API; paths are /v1/…. */
  api_url: z
    .url({ protocol: /^https?$/ })
    .transform((url) => new URL(url).origin)
    .default('https://api.notion.com'),
  /** Notion's limit is an average of 3 requests a second per integration. */
  requests_per_second: z.number().positive().max(100).default(3),
});

export type NotionSettings = z.output<typeof notionSettings>;

/** The API version whose wire format this adapter reads (databases, not data sources). */
export const notionVersion = '2022-06-28';

export const notionHints = {
  unauthorized:
    'Check token in knowhow.yaml: the internal integration secret from notion.so/profile/integrations (Configuration → Internal Integration Secret)',
  forbidden:
    'The integration needs the "Read content" capability, and the pages must be shared with it (page ⋯ → Connections → add the integration)',
  not_found:
    'Check root_pages and databases in knowhow.yaml, and that those pages are shared with the integration (page ⋯ → Connections)',
  unreachable: 'Check api_url in knowhow.yaml and that this machine can reach api.notion.com',
  rate_limited: 'Notion kept asking to slow down; the next pass continues',
} as const;
