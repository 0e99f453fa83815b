import { z } from 'zod';

const globs = z.array(z.string().trim().min(1)).default([]);

/** The `knowhow.yaml` fields of a `type: web` source. */
export const webSettings = z.strictObject({
  /** Where the crawl starts; only this origin and path prefix are followed. */
  url: z.url({ protocol: /^https?$/ }),
  /** A sitemap to start from; default the site's /sitemap.xml or robots.txt `Sitemap:` lines. */
  sitemap: z.url({ protocol: /^https?$/ }).optional(),
  /** Globs on the URL path (`/handbook/**`): only matching pages, none of the excluded. */
  include: globs,
  exclude: globs,
  max_pages: z.number().int().positive().default(1000),
  /** Sent with every request, e.g. `Authorization` for an intranet behind a token. */
  headers: z.record(z.string(), z.string()).default({}),
  user_agent: z.string().trim().min(1).default('KnowhowBot/0.1 (+https://github.com/knowhow)'),
});

export type WebSettings = z.output<typeof webSettings>;

export const webHints = {
  unreachable: 'Check url in knowhow.yaml and that this machine can reach the site (proxy, VPN)',
  unauthorized: 'The site wants credentials: add them under headers in knowhow.yaml',
  forbidden: 'The site refused the crawler: check headers and user_agent in knowhow.yaml',
} as const;
