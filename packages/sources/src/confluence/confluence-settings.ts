import { z } from 'zod';

/** The `knowhow.yaml` fields of a `type: confluence` source. */
export const confluenceSettings = z
  .strictObject({
    /** `https://acme.atlassian.net/wiki` (Cloud) or the Data Center base URL. */
    url: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
    spaces: z.array(z.string().trim().min(1)).min(1, 'name at least one space key'),
    /** Cloud: the Atlassian account's e-mail, with an API token. Absent: Data Center. */
    email: z.string().trim().min(1).optional(),
    /** Cloud API token, or a Data Center personal access token. */
    token: z.string().trim().min(1),
    /** Inferred from `email` when absent. */
    deployment: z.enum(['cloud', 'data-center']).optional(),
  })
  .transform((settings) => ({
    ...settings,
    deployment: settings.deployment ?? (settings.email ? 'cloud' : 'data-center'),
  }))
  .refine((settings) => settings.deployment !== 'cloud' || settings.email, {
    path: ['email'],
    message: 'Confluence Cloud needs the e-mail of the account the API token belongs to',
  });

export type ConfluenceSettings = z.output<typeof confluenceSettings>;

export const confluenceHints = {
  unauthorized:
    'Check email and token in knowhow.yaml: Cloud takes the account e-mail and an API token (id.atlassian.com → Security → API tokens); Data Center takes a personal access token alone',
  forbidden: 'The account needs permission to view the spaces listed in knowhow.yaml',
  not_found: 'Check url in knowhow.yaml (Cloud: https://<site>.atlassian.net/wiki)',
  unreachable: 'Check url in knowhow.yaml and that this machine can reach it (proxy, VPN)',
  rate_limited: 'Confluence kept asking to slow down; the next pass continues',
} as const;
