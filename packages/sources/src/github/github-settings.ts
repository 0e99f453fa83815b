import { z } from 'zod';
import { requiredText } from '../required-text.js';

const globs = z.array(z.string().trim().min(1));

/** The `knowhow.yaml` fields of a `type: github` source. */
export const githubSettings = z.strictObject({
  /** `owner/name`, as in the repository's URL. */
  repo: requiredText('the repository as owner/name').regex(
    /^[\w.-]+\/[\w.-]+$/,
    'use owner/name, as in github.com/owner/name',
  ),
  /** Default: the repository's default branch. */
  branch: z.string().trim().min(1).optional(),
  /** Globs on the path in the repository; default markdown, mdx, rst and text files anywhere. */
  paths: globs
    .min(1, 'name at least one glob, e.g. "docs/**/*.md"')
    .default(['**/*.{md,mdx,markdown,rst,txt}']),
  exclude: globs.default([]),
  /** A token for private repositories (and a higher rate limit); public ones need none. */
  token: z.string().trim().min(1).optional(),
  /** `https://api.github.com`, or GitHub Enterprise Server's `https://HOST/api/v3`. */
  api_url: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .default('https://api.github.com'),
});

export type GithubSettings = z.output<typeof githubSettings>;

export const githubHints = {
  unauthorized:
    'Check token in knowhow.yaml: GitHub refused it (expired or revoked?). Create one under Settings → Developer settings → Personal access tokens',
  forbidden:
    'The token needs read access to the repository contents (fine-grained: Contents read-only; classic: repo for private repositories), or the API rate limit is used up (60 requests an hour without a token)',
  not_found:
    'Check repo and branch in knowhow.yaml, and that the token can see the repository (private repositories answer 404 without one)',
  unreachable:
    'Check api_url in knowhow.yaml (Enterprise: https://HOST/api/v3) and that this machine can reach it',
  rate_limited: 'GitHub kept asking to slow down; the next pass continues',
} as const;
