import { createHttpClient, type HttpClient, type RetryNotice } from '../http/http-client.js';
import { isSourceError, sourceError, statusOf } from '../source-error.js';
import { graphHints, type SharepointSettings, tokenScope } from './sharepoint-settings.js';

interface TokenAnswer {
  access_token: string;
  expires_in: number;
}

/**
 * Microsoft Graph with an app-only token from the client-credentials grant, requested with a
 * plain form POST (so `login_url` may be any origin, plain http included) and renewed before
 * it expires.
 */
export function createGraphClient(
  settings: SharepointSettings,
  options: { onRetry?: (notice: RetryNotice) => void } = {},
): HttpClient {
  const login = createHttpClient({
    service: 'Microsoft Entra ID',
    baseUrl: `${settings.login_url}/`,
    hints: graphHints,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });
  let token: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const renew = async (): Promise<string> => {
    const answer = await login
      .postForm<TokenAnswer>(`${encodeURIComponent(settings.tenant_id)}/oauth2/v2.0/token`, {
        client_id: settings.client_id,
        client_secret: settings.client_secret,
        scope: tokenScope(settings),
        grant_type: 'client_credentials',
      })
      .catch((error: unknown) => {
        // Entra ID answers a wrong secret or id with 400/401 and an AADSTS code.
        if (isSourceError(error) && [400, 401].includes(statusOf(error) ?? 0)) {
          throw sourceError(
            'unauthorized',
            `${error.message.replace(/\. Check.*$/, '')}. ${graphHints.unauthorized}`,
            { cause: error, status: statusOf(error) },
          );
        }
        throw error;
      });
    if (typeof answer.access_token !== 'string') {
      throw sourceError('bad_response', 'Microsoft Entra ID sent no access_token');
    }
    token = {
      value: answer.access_token,
      expiresAt: Date.now() + (answer.expires_in - 120) * 1000,
    };
    return token.value;
  };
  const accessToken = async () => {
    if (token && Date.now() < token.expiresAt) return token.value;
    pending ??= renew().finally(() => {
      pending = undefined;
    });
    return pending;
  };
  return createHttpClient({
    service: 'Microsoft Graph',
    baseUrl: `${settings.graph_url}/v1.0/`,
    headers: async () => ({
      authorization: `Bearer ${await accessToken()}`,
      accept: 'application/json',
    }),
    hints: graphHints,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });
}
