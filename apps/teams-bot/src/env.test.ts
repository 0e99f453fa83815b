import { describe, expect, it } from '@jest/globals';
import { teamsEnvironment, teamsRequested } from './env.js';

/** The problems with some variables, as "path: message". */
function problems(variables: Record<string, string>): string[] {
  const result = teamsEnvironment.safeParse(variables);
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

function parse(variables: Record<string, string>) {
  const result = teamsEnvironment.safeParse(variables);
  if (!result.success) throw new Error(`unexpected problems: ${result.error.message}`);
  return result.data;
}

const app = { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' };

describe('teamsEnvironment', () => {
  it('needs an app id unless anonymous mode is allowed', () => {
    expect(problems({})).toEqual([
      "MicrosoftAppId: is required (the Azure Bot's app id); for local testing without one set TEAMS_ALLOW_ANONYMOUS=true",
    ]);
    expect(problems({ TEAMS_ALLOW_ANONYMOUS: 'false' })).toHaveLength(1);
  });

  it('runs anonymously only with TEAMS_ALLOW_ANONYMOUS=true', () => {
    expect(parse({ TEAMS_ALLOW_ANONYMOUS: 'true' })).toEqual({
      auth: { mode: 'anonymous' },
      allowedTenants: [],
      port: 3978,
      rateLimitPerMinute: 10,
      historyTurns: 20,
      streaming: true,
      streamIntervalMs: 1000,
    });
    expect(problems({ TEAMS_ALLOW_ANONYMOUS: 'yes' })).toEqual([
      'TEAMS_ALLOW_ANONYMOUS: must be true or false',
      expect.stringMatching(/^MicrosoftAppId: is required/),
    ]);
  });

  it('uses the app id over anonymous mode when both are set', () => {
    expect(parse({ ...app, TEAMS_ALLOW_ANONYMOUS: 'true' }).auth.mode).toBe('app');
  });

  it('defaults to MultiTenant, which needs the password', () => {
    expect(parse(app).auth).toEqual({
      mode: 'app',
      appId: 'app-id',
      appType: 'MultiTenant',
      password: 'secret',
      endpoints: {},
    });
    expect(problems({ MicrosoftAppId: 'app-id' })).toEqual([
      "MicrosoftAppPassword: is required for MicrosoftAppType=MultiTenant (the app's client secret)",
    ]);
  });

  it('needs a password and a tenant id for SingleTenant', () => {
    expect(problems({ MicrosoftAppId: 'app-id', MicrosoftAppType: 'SingleTenant' })).toEqual([
      "MicrosoftAppPassword: is required for MicrosoftAppType=SingleTenant (the app's client secret)",
      'MicrosoftAppTenantId: is required for MicrosoftAppType=SingleTenant',
    ]);
    expect(
      parse({ ...app, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'tenant' }).auth,
    ).toEqual({
      mode: 'app',
      appId: 'app-id',
      appType: 'SingleTenant',
      password: 'secret',
      tenantId: 'tenant',
      endpoints: {},
    });
  });

  it('needs a tenant id but no password for UserAssignedMSI', () => {
    const msi = { MicrosoftAppId: 'app-id', MicrosoftAppType: 'UserAssignedMSI' };
    expect(problems(msi)).toEqual([
      'MicrosoftAppTenantId: is required for MicrosoftAppType=UserAssignedMSI',
    ]);
    expect(parse({ ...msi, MicrosoftAppTenantId: 'tenant' }).auth).toEqual({
      mode: 'app',
      appId: 'app-id',
      appType: 'UserAssignedMSI',
      tenantId: 'tenant',
      endpoints: {},
    });
  });

  it('refuses an unknown app type', () => {
    expect(problems({ ...app, MicrosoftAppType: 'Personal' })).toContainEqual(
      'MicrosoftAppType: Invalid option: expected one of "SingleTenant"|"MultiTenant"|"UserAssignedMSI"',
    );
  });

  it('trims values and counts a blank one as missing', () => {
    expect(parse({ MicrosoftAppId: '  app-id ', MicrosoftAppPassword: ' secret' }).auth).toEqual(
      expect.objectContaining({ appId: 'app-id', password: 'secret' }),
    );
    expect(problems({ ...app, MicrosoftAppPassword: '   ' })).toContainEqual(
      expect.stringMatching(/^MicrosoftAppPassword: /),
    );
  });

  it('passes Bot Framework endpoint overrides through, as named', () => {
    const endpoints = {
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.example/openid',
      ToBotFromChannelTokenIssuer: 'https://api.example',
      ToChannelFromBotLoginUrl: 'https://login.example/token',
      ToChannelFromBotOAuthScope: 'https://api.example/.default',
      OAuthUrl: 'https://token.example',
    };
    const { auth } = parse({ ...app, ...endpoints, UnrelatedUrl: 'https://x.example' });
    expect(auth.mode === 'app' && auth.endpoints).toEqual(endpoints);
    const gov = parse({ ...app, ChannelService: 'https://botframework.azure.us' }).auth;
    expect(gov.mode === 'app' && gov.endpoints).toEqual({
      ChannelService: 'https://botframework.azure.us',
    });
  });

  it('refuses a national cloud together with single endpoint overrides', () => {
    expect(
      problems({
        ...app,
        ChannelService: 'https://botframework.azure.us',
        OAuthUrl: 'https://token.example',
      }),
    ).toEqual(['ChannelService: selects a national cloud as a whole; do not also set OAuthUrl']);
  });

  it('takes a tenant id without a type as a single-tenant bot, and only that tenant', () => {
    const config = parse({ ...app, MicrosoftAppTenantId: 'tenant-a' });
    expect(config.auth).toMatchObject({ appType: 'SingleTenant', tenantId: 'tenant-a' });
    expect(config.allowedTenants).toEqual(['tenant-a']);
    expect(
      parse({
        ...app,
        MicrosoftAppTenantId: 'tenant-a',
        TEAMS_ALLOWED_TENANTS: 'tenant-a, tenant-b',
      }).allowedTenants,
    ).toEqual(['tenant-a', 'tenant-b']);
    expect(parse(app).allowedTenants).toEqual([]);
    expect(
      parse({ ...app, MicrosoftAppTenantId: 'tenant-a', TEAMS_ALLOWED_TENANTS: '*' })
        .allowedTenants,
    ).toEqual([]);
  });

  it('filters no tenant in anonymous mode unless asked: the Emulator sends none', () => {
    const anonymous = { TEAMS_ALLOW_ANONYMOUS: 'true', MicrosoftAppTenantId: 'tenant-a' };
    expect(parse(anonymous).allowedTenants).toEqual([]);
    expect(parse({ ...anonymous, TEAMS_ALLOWED_TENANTS: 'tenant-b' }).allowedTenants).toEqual([
      'tenant-b',
    ]);
  });

  it('refuses a password for a managed identity', () => {
    expect(
      problems({ ...app, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }),
    ).toEqual([
      'MicrosoftAppPassword: must not be set for MicrosoftAppType=UserAssignedMSI (a managed identity has no secret)',
    ]);
  });

  it('listens on TEAMS_PORT, else PORT, else 3978', () => {
    expect(parse({ ...app, TEAMS_PORT: '4000', PORT: '5000' }).port).toBe(4000);
    expect(parse({ ...app, PORT: '5000' }).port).toBe(5000);
    expect(parse({ ...app, TEAMS_PORT: '0', PORT: '5000' }).port).toBe(0);
    expect(parse(app).port).toBe(3978);
  });

  it('reads the rate limit and history length', () => {
    const config = parse({ ...app, TEAMS_RATE_LIMIT_PER_MINUTE: '3', TEAMS_HISTORY_TURNS: '0' });
    expect(config.rateLimitPerMinute).toBe(3);
    expect(config.historyTurns).toBe(0);
  });

  it('lists every problem at once', () => {
    expect(
      problems({
        MicrosoftAppType: 'SingleTenant',
        TEAMS_PORT: 'http',
        PORT: '70000',
        TEAMS_RATE_LIMIT_PER_MINUTE: '0',
        TEAMS_HISTORY_TURNS: '101',
      }),
    ).toEqual([
      'TEAMS_PORT: Invalid input: expected number, received NaN',
      'PORT: Too big: expected number to be <=65535',
      'TEAMS_RATE_LIMIT_PER_MINUTE: Too small: expected number to be >0',
      'TEAMS_HISTORY_TURNS: Too big: expected number to be <=100',
      expect.stringMatching(/^MicrosoftAppId: is required/),
    ]);
    expect(problems({ ...app, TEAMS_PORT: '-1', MicrosoftAppType: 'SingleTenant' })).toEqual([
      'TEAMS_PORT: Too small: expected number to be >=0',
      'MicrosoftAppTenantId: is required for MicrosoftAppType=SingleTenant',
    ]);
    expect(problems({ ...app, TEAMS_PORT: '80.5' })).toEqual([
      'TEAMS_PORT: Invalid input: expected int, received number',
    ]);
  });
});

describe('teamsRequested', () => {
  it('is asked for by an app id, a password or anonymous mode', () => {
    expect(teamsRequested({ MicrosoftAppId: 'app-id' })).toBe(true);
    expect(teamsRequested({ MicrosoftAppPassword: 'secret' })).toBe(true);
    expect(teamsRequested({ TEAMS_ALLOW_ANONYMOUS: 'true' })).toBe(true);
  });

  it('is not asked for otherwise', () => {
    expect(teamsRequested({})).toBe(false);
    expect(teamsRequested({ TEAMS_ALLOW_ANONYMOUS: 'false' })).toBe(false);
    expect(teamsRequested({ MicrosoftAppId: '', MicrosoftAppPassword: undefined })).toBe(false);
    expect(teamsRequested({ TEAMS_PORT: '3978', MicrosoftAppTenantId: 'tenant' })).toBe(false);
  });
});

describe('teamsEnvironment, an unknown app type', () => {
  it('reports the type alone, not what an unknown type would need', () => {
    expect(problems({ MicrosoftAppId: 'app-id', MicrosoftAppType: 'Personal' })).toEqual([
      expect.stringMatching(/^MicrosoftAppType: /),
    ]);
  });
});
