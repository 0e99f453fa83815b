import { createSign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { KnowhowError } from '@knowhow/rag-core';
import { z } from 'zod';
import { createHttpClient, type RetryNotice } from '../http/http-client.js';
import { isSourceError, sourceError, statusOf } from '../source-error.js';
import { driveHints } from './google-drive-settings.js';

const keyFile = z.looseObject({
  type: z.literal('service_account'),
  client_email: z.string().min(1),
  private_key: z.string().includes('PRIVATE KEY'),
  private_key_id: z.string().optional(),
  token_uri: z.url({ protocol: /^https?$/ }).default('https://oauth2.googleapis.com/token'),
});
export type ServiceAccountKey = z.output<typeof keyFile>;

const readOnly = 'https://www.googleapis.com/auth/drive.readonly';

/** The key file, checked: a clear message when it is missing or not a service account key. */
export async function readServiceAccountKey(path: string): Promise<ServiceAccountKey> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new KnowhowError(
      'invalid_configuration',
      `cannot read credentials_file ${path} (${code}). Check credentials_file in knowhow.yaml: the service account's JSON key`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KnowhowError(
      'invalid_configuration',
      `credentials_file ${path} is not JSON; download a JSON key of the service account`,
    );
  }
  const key = keyFile.safeParse(parsed);
  if (!key.success) {
    const fields = key.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new KnowhowError(
      'invalid_configuration',
      `credentials_file ${path} is not a service account key (check ${fields}); create one under IAM → Service accounts → Keys → Add key → JSON`,
    );
  }
  return key.data;
}

/**
 * OAuth2 access tokens for a service account: a JWT signed RS256 with the key's private key,
 * sent to the key's own `token_uri` (the JWT bearer grant), renewed before it expires.
 */
export function createServiceAccountTokens(
  key: ServiceAccountKey,
  options: { subject?: string; onRetry?: (notice: RetryNotice) => void } = {},
): () => Promise<string> {
  const endpoint = new URL(key.token_uri);
  const client = createHttpClient({
    service: 'Google OAuth2',
    baseUrl: `${endpoint.origin}/`,
    hints: driveHints,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });
  let token: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const renew = async (): Promise<string> => {
    const answer = await client
      .postForm<{ access_token?: string; expires_in?: number }>(
        `${endpoint.pathname.slice(1)}${endpoint.search}`,
        {
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          assertion: signAssertion(key, options.subject),
        },
      )
      .catch((error: unknown) => {
        // Google answers a bad key or a disabled account with 400/401 invalid_grant.
        if (isSourceError(error) && [400, 401].includes(statusOf(error) ?? 0)) {
          throw sourceError(
            'unauthorized',
            `${error.message.replace(/\. Check.*$/, '')}. ${driveHints.unauthorized}${options.subject ? `; for subject, the service account needs domain-wide delegation of ${readOnly}` : ''}`,
            { status: statusOf(error) },
          );
        }
        throw error;
      });
    if (typeof answer.access_token !== 'string')
      throw sourceError('bad_response', 'Google OAuth2 sent no access_token');
    token = {
      value: answer.access_token,
      expiresAt: Date.now() + ((answer.expires_in ?? 3600) - 120) * 1000,
    };
    return token.value;
  };
  return async () => {
    if (token && Date.now() < token.expiresAt) return token.value;
    pending ??= renew().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}

/** The JWT bearer assertion: header, claims, RS256 signature, each base64url. */
export function signAssertion(key: ServiceAccountKey, subject?: string, now = Date.now()): string {
  const issuedAt = Math.floor(now / 1000);
  const header = {
    alg: 'RS256',
    typ: 'JWT',
    ...(key.private_key_id ? { kid: key.private_key_id } : {}),
  };
  const claims = {
    iss: key.client_email,
    scope: readOnly,
    aud: key.token_uri,
    iat: issuedAt,
    exp: issuedAt + 3600,
    ...(subject ? { sub: subject } : {}),
  };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode(header)}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key.private_key, 'base64url');
  return `${unsigned}.${signature}`;
}
