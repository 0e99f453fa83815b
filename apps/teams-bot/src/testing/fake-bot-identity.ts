import { createSign, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';

/** Bot Framework's token issuer for channels, as the real one names itself. */
export const botFrameworkIssuer = 'https://api.botframework.com';

/**
 * What Bot Framework publishes to let bots check its tokens (OpenID metadata and signing
 * keys), and tokens signed with those keys, as the Bot Connector sends with each activity.
 */
export class FakeBotIdentity {
  readonly #origin: () => string;
  readonly #keyId = randomUUID();
  readonly #keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

  constructor(origin: () => string) {
    this.#origin = origin;
  }

  /** For the bot's `ToBotFromChannelOpenIdMetadataUrl`. */
  get openIdMetadataUrl(): string {
    return `${this.#origin()}/openid/.well-known/openidconfiguration`;
  }

  document(path: string): unknown {
    if (path === '/openid/.well-known/openidconfiguration') {
      return {
        issuer: botFrameworkIssuer,
        jwks_uri: `${this.#origin()}/openid/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      };
    }
    if (path === '/openid/keys') {
      const jwk = this.#keys.publicKey.export({ format: 'jwk' });
      return {
        keys: [{ ...jwk, kid: this.#keyId, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }],
      };
    }
    return undefined;
  }

  /**
   * A channel token for the bot `appId` and the activity's `serviceUrl`. `signedBy: 'other'`
   * signs it with a key Bot Framework never published.
   */
  token(claims: {
    appId: string;
    serviceUrl: string;
    expiresInSeconds?: number;
    signedBy?: 'bot-framework' | 'other';
  }): string {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: botFrameworkIssuer,
      aud: claims.appId,
      serviceurl: claims.serviceUrl,
      nbf: now - 60,
      exp: now + (claims.expiresInSeconds ?? 3600),
    };
    const key: KeyObject =
      claims.signedBy === 'other'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
        : this.#keys.privateKey;
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid: this.#keyId })}.${encode(payload)}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url');
    return `${unsigned}.${signature}`;
  }
}
