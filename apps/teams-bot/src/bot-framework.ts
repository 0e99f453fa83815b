// The only module that knows botbuilder (in maintenance mode): moving to
// @microsoft/agents-hosting means rewriting this file alone.
import {
  type Activity,
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  TurnContext,
} from 'botbuilder';
// An internal module (no public export): pinned with botbuilder's own version.
import type { ClaimsIdentity } from 'botframework-connector';
import mappers from 'botframework-connector/lib/connectorApi/models/mappers.js';
import type { TeamsAuth } from './env.js';
import type {
  ConversationSender,
  IncomingActivity,
  OutgoingActivity,
  TeamsTurn,
} from './teams-activity.js';

/** The HTTP side of a request, as the bot's own server provides it. */
export interface EndpointRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}
export type EndpointReply = (status: number, body?: unknown) => void;

export interface BotFrameworkEndpoint {
  /** Authenticates a POST to /api/messages (when an app id is configured) and runs the turn. */
  process(request: EndpointRequest, reply: EndpointReply): Promise<void>;
}

export interface EndpointOptions {
  readonly auth: TeamsAuth;
  readonly onTurn: (turn: TeamsTurn) => Promise<void>;
  /** Called when a turn throws: the last chance to tell the user. */
  readonly onTurnError: (turn: TeamsTurn, error: unknown) => Promise<void>;
}

// botbuilder's serializer (through @azure/core-client) keeps only an entity's `type`, which
// empties Teams' citation entities. Entities are open-ended by the Bot Framework schema; this
// declares them so once, for every activity this process sends.
mappers.Entity.type.additionalProperties ??= { type: { name: 'Object' } };

function authOptions(auth: TeamsAuth): ConfigurationBotFrameworkAuthenticationOptions {
  if (auth.mode === 'anonymous') return {};
  return {
    MicrosoftAppId: auth.appId,
    MicrosoftAppType: auth.appType,
    ...(auth.password ? { MicrosoftAppPassword: auth.password } : {}),
    ...(auth.tenantId ? { MicrosoftAppTenantId: auth.tenantId } : {}),
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
  // Teams puts "<at>Knowhow</at>" in a mention's text; the mention entity says it is us.
  const text =
    activity.type === 'message' && activity.text !== undefined
      ? TurnContext.removeRecipientMention({ ...activity })
      : activity.text;
  return { ...(activity as unknown as IncomingActivity), ...(text === undefined ? {} : { text }) };
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

export function createBotFrameworkEndpoint(options: EndpointOptions): BotFrameworkEndpoint {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(authOptions(options.auth)),
  );
  adapter.onTurnError = async (context, error) => {
    await options.onTurnError(turnOf(adapter, context), error);
  };
  return {
    async process(request, reply) {
      let status = 200;
      let body: unknown;
      const response = {
        socket: undefined,
        status: (code: number) => {
          status = code;
        },
        header: () => undefined,
        send: (content: unknown) => {
          body = content;
        },
        end: () => reply(status, body),
      };
      await adapter.process(
        { method: 'POST', headers: request.headers, body: request.body as Record<string, unknown> },
        response,
        (context) => options.onTurn(turnOf(adapter, context)),
      );
    },
  };
}
