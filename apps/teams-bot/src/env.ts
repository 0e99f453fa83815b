import { z } from 'zod';

/** How the bot proves who it is to Bot Framework and checks who calls it. */
export type TeamsAuth =
  | {
      readonly mode: 'app';
      readonly appId: string;
      readonly appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
      readonly password?: string;
      readonly tenantId?: string;
      /** Bot Framework endpoints for sovereign clouds (and tests): passed through as named. */
      readonly endpoints: Readonly<Record<string, string>>;
    }
  | { readonly mode: 'anonymous' };

const text = z.string().trim().min(1);
const appTypes = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;

// New Azure bots are single-tenant; a tenant id without a type means that.
const appTypeOf = (env: {
  MicrosoftAppType?: (typeof appTypes)[number];
  MicrosoftAppTenantId?: string;
}) => env.MicrosoftAppType ?? (env.MicrosoftAppTenantId ? 'SingleTenant' : 'MultiTenant');
const endpointNames = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ChannelService',
  'OAuthUrl',
] as const;

/**
 * The Teams bot's variables, in Bot Framework's own names. The command line reads the
 * environment (and `.env`) and parses it with this schema; `MicrosoftAppId` (or
 * `TEAMS_ALLOW_ANONYMOUS=true`) turns the bot on.
 */
export const teamsEnvironment = z
  .object({
    MicrosoftAppId: text.optional(),
    MicrosoftAppPassword: text.optional(),
    MicrosoftAppTenantId: text.optional(),
    MicrosoftAppType: z.enum(appTypes).optional(),
    TEAMS_ALLOWED_TENANTS: text.optional(),
    TEAMS_ALLOW_ANONYMOUS: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('false'),
    TEAMS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
    PORT: z.coerce.number().int().min(0).max(65_535).optional(),
    TEAMS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
    TEAMS_HISTORY_TURNS: z.coerce.number().int().min(0).max(100).default(20),
    ...Object.fromEntries(endpointNames.map((name) => [name, text.optional()])),
  })
  .superRefine(
    (env, context) => {
      const problem = (path: string, message: string) =>
        context.addIssue({ code: 'custom', path: [path], message });
      if (!env.MicrosoftAppId) {
        if (env.TEAMS_ALLOW_ANONYMOUS !== 'true') {
          problem(
            'MicrosoftAppId',
            "is required (the Azure Bot's app id); for local testing without one set TEAMS_ALLOW_ANONYMOUS=true",
          );
        }
        return;
      }
      // An invalid type is reported by the enum; what it would need cannot be said.
      if (env.MicrosoftAppType !== undefined && !appTypes.includes(env.MicrosoftAppType)) return;
      const type = appTypeOf(env);
      if (type !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
        problem(
          'MicrosoftAppPassword',
          `is required for MicrosoftAppType=${type} (the app's client secret)`,
        );
      }
      if (type === 'UserAssignedMSI' && env.MicrosoftAppPassword) {
        problem(
          'MicrosoftAppPassword',
          'must not be set for MicrosoftAppType=UserAssignedMSI (a managed identity has no secret)',
        );
      }
      const endpoints = endpointNames.filter(
        (name) => name !== 'ChannelService' && (env as Record<string, unknown>)[name],
      );
      if ((env as Record<string, unknown>)['ChannelService'] && endpoints.length > 0) {
        problem(
          'ChannelService',
          `selects a national cloud as a whole; do not also set ${endpoints.join(', ')}`,
        );
      }
      if (type !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
        problem('MicrosoftAppTenantId', `is required for MicrosoftAppType=${type}`);
      }
    },
    { when: () => true },
  )
  .transform((env) => {
    const endpoints = Object.fromEntries(
      endpointNames.flatMap((name) => {
        const value = (env as Record<string, unknown>)[name];
        return typeof value === 'string' ? [[name, value]] : [];
      }),
    );
    const auth: TeamsAuth = env.MicrosoftAppId
      ? {
          mode: 'app',
          appId: env.MicrosoftAppId,
          appType: appTypeOf(env),
          ...(env.MicrosoftAppPassword ? { password: env.MicrosoftAppPassword } : {}),
          ...(env.MicrosoftAppTenantId ? { tenantId: env.MicrosoftAppTenantId } : {}),
          endpoints,
        }
      : { mode: 'anonymous' };
    return {
      auth,
      /**
       * Microsoft tenants whose users may ask: a Bot Framework token proves the message came
       * for this bot, not from which organisation. Empty: any tenant.
       */
      allowedTenants: allowedTenantsOf(env),
      /** `POST /api/messages`, `GET /healthz` and `GET /metrics`. */
      port: env.TEAMS_PORT ?? env.PORT ?? 3978,
      rateLimitPerMinute: env.TEAMS_RATE_LIMIT_PER_MINUTE,
      /** Earlier turns kept per conversation for follow-ups. */
      historyTurns: env.TEAMS_HISTORY_TURNS,
      /** Streams answers in personal chats. */
      streaming: true,
      /** How often a streaming answer is updated (Teams allows about one a second). */
      streamIntervalMs: 1000,
    };
  });

export type TeamsBotConfig = Readonly<z.output<typeof teamsEnvironment>>;

/**
 * `*` allows any tenant. Unset: the app's own tenant; the Emulator (anonymous mode) sends
 * no tenant, so there nothing is filtered unless asked for.
 */
function allowedTenantsOf(env: {
  TEAMS_ALLOWED_TENANTS?: string | undefined;
  MicrosoftAppId?: string | undefined;
  MicrosoftAppTenantId?: string | undefined;
}): readonly string[] {
  const listed = env.TEAMS_ALLOWED_TENANTS ?? (env.MicrosoftAppId ? env.MicrosoftAppTenantId : '');
  if (listed === undefined || listed === '*') return [];
  return listed
    .split(',')
    .map((tenant) => tenant.trim())
    .filter(Boolean);
}

/** Whether the variables ask for the Teams bot: an app id or password, or anonymous mode. */
export function teamsRequested(variables: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(
    variables['MicrosoftAppId'] ||
    variables['MicrosoftAppPassword'] ||
    variables['TEAMS_ALLOW_ANONYMOUS'] === 'true',
  );
}
