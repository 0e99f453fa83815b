// The only module that knows botbuilder (in maintenance mode): moving to
// @microsoft/agents-hosting means rewriting this file alone.
import {
  type Activity,
  ActivityTypes,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  TurnContext,
} from 'botbuilder';
import type { JsonEndpoint } from '@knowhow/bot-host';
// An internal module (no public export): pinned with botbuilder's own version.
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  type ClaimsIdentity,
} from 'botframework-connector';
import mappers from 'botframework-connector/lib/connectorApi/models/mappers.js';
import type { TeamsAuth } from './env.js';
import {
  type ConversationSender,
  type IncomingActivity,
  incomingActivity,
  type OutgoingActivity,
  type TeamsTurn,
} from './teams-activity.js';

export interface EndpointOptions {
  readonly auth: TeamsAuth;
  readonly onTurn: (turn: TeamsTurn) => Promise<void>;
  /** Called when a turn throws: the last chance to tell the user. */
  readonly onTurnError: (turn: TeamsTurn, error: unknown) => Promise<void>;
  /** Called for a request refused for its token (401), or when tokens cannot be checked (503). */
  readonly onRejected: (status: number, error: unknown) => void;
}

// botbuilder's serializer (through @azure/core-client) keeps only an entity's `type`, which
// empties Teams' citation entities. Entities are open-ended by the Bot Framework schema; this
// declares them so once, for every activity this process sends.
mappers.Entity.type.additionalProperties ??= { type: { name: 'Object' } };

// Overriding one Bot Framework endpoint makes botbuilder expect all of them; the others keep
// the public cloud's values (ChannelService selects a national cloud as a whole instead).
const publicCloud = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
  ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
  ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  OAuthUrl: AuthenticationConstants.OAuthUrl,
  ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  CallerId: CallerIdConstants.PublicAzureChannel,
};

function authOptions(auth: TeamsAuth): ConfigurationBotFrameworkAuthenticationOptions {
  if (auth.mode === 'anonymous') return {};
  const overrides = Object.keys(auth.endpoints).length > 0 && !auth.endpoints['ChannelService'];
  return {
    MicrosoftAppId: auth.appId,
    MicrosoftAppType: auth.appType,
    ...(auth.password ? { MicrosoftAppPassword: auth.password } : {}),
    ...(auth.tenantId ? { MicrosoftAppTenantId: auth.tenantId } : {}),
    ...(overrides ? publicCloud : {}),
    ...auth.endpoints,
  };
}

function sender(context: TurnContext): ConversationSender {
  return {
    async send(activity: OutgoingActivity) {
      const response = await context.sendActivity(activity as Partial<Activity>);
      return response?.id;
    },
  };
}

function incoming(context: TurnContext): IncomingActivity {
  const activity = context.activity;
  let text: string | undefined = typeof activity.text === 'string' ? activity.text : undefined;
  if (activity.type === 'message' && text !== undefined) {
    // Teams puts "<at>Knowhow</at>" in the text for each mention; the entities say which.
    for (const mention of TurnContext.getMentions(activity)) {
      if (mention.mentioned.id === activity.recipient.id && mention.text) {
        text = text.split(mention.text).join(' ');
      }
    }
    text = text.trim();
  }
  return { ...incomingActivity.parse(activity), ...(text === undefined ? {} : { text }) };
}

function turnOf(adapter: CloudAdapter, context: TurnContext): TeamsTurn {
  // Captured now: the context is revoked once the request has been answered.
  const reference = { ...TurnContext.getConversationReference(context.activity) };
  const identity = context.turnState.get<ClaimsIdentity>(adapter.BotIdentityKey);
  const audience = context.turnState.get<string | undefined>(adapter.OAuthScopeKey);
  return {
    activity: incoming(context),
    reply: sender(context),
    continueLater: (work) => {
      const logic = async (later: TurnContext) => {
        // Replies go to the question (…/activities/{id}), not to the continuation event.
        if (reference.activityId) later.activity.id = reference.activityId;
        await work(sender(later));
      };
      return audience
        ? adapter.continueConversationAsync(identity, reference, audience, logic)
        : adapter.continueConversationAsync(identity, reference, logic);
    },
    async respondToInvoke(status, body) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
    },
  };
}

/**
 * A token refused (bad signature, wrong audience or issuer, expired): 401. Anything else,
 * such as Bot Framework's signing keys being unreachable, is ours to fix: 503.
 */
function isTokenRejection(error: unknown): boolean {
  const { statusCode, name } = (error ?? {}) as { statusCode?: unknown; name?: unknown };
  return (
    statusCode === 401 ||
    statusCode === 400 ||
    name === 'JsonWebTokenError' ||
    name === 'NotBeforeError' ||
    name === 'TokenExpiredError'
  );
}

/** Exposes the authenticated half of CloudAdapter's request handling. */
class KnowhowAdapter extends CloudAdapter {
  processAuthenticated(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

const isActivity = (body: unknown): body is Activity => incomingActivity.safeParse(body).success;

/** Authenticates a POST to /api/messages (when an app id is configured) and runs the turn. */
export function createBotFrameworkEndpoint(options: EndpointOptions): JsonEndpoint {
  const authentication = new ConfigurationBotFrameworkAuthentication(authOptions(options.auth));
  const adapter = new KnowhowAdapter(authentication);
  adapter.onTurnError = async (context, error) => {
    let turn: TeamsTurn;
    try {
      turn = turnOf(adapter, context);
    } catch {
      // The activity itself is malformed: nothing can be sent back.
      return;
    }
    await options.onTurnError(turn, error);
  };
  return async (request, reply) => {
    if (!isActivity(request.body)) return reply(400, 'Not a Bot Framework activity');
    const activity = request.body;
    const header = request.headers['authorization'];
    // Authenticated here rather than in CloudAdapter.process, which answers a forged
    // signature with 500 and prints it to the console: any bad token is a 401.
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await authentication.authenticateRequest(
        activity,
        typeof header === 'string' ? header : '',
      );
    } catch (error) {
      // Bot Framework's keys could not be loaded: our problem, not the caller's.
      const unavailable = !isTokenRejection(error);
      options.onRejected(unavailable ? 503 : 401, error);
      return reply(
        unavailable ? 503 : 401,
        unavailable ? 'Cannot check the token now' : 'Unauthorized',
      );
    }
    const invokeResponse = await adapter.processAuthenticated(authenticated, activity, (context) =>
      options.onTurn(turnOf(adapter, context)),
    );
    reply(invokeResponse?.status ?? 200, invokeResponse?.body);
  };
}
