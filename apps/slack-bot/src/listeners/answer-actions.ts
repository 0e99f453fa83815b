import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import type { BotServices } from '../bot-services.js';
import { failureReason, fromDatabase, newReference } from '../failure-reason.js';
import { feedbackActions, renderAnswer, shareAction } from '../render/answer-blocks.js';
import { slackMessages } from '../slack-messages.js';

type ButtonArguments = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * The buttons under an answer. Feedback is stored (one verdict per user and answer) and
 * acknowledged to the clicker only; "Share in channel" posts a /kb answer for everyone.
 */
export function registerAnswerActions(app: App, services: BotServices): void {
  for (const verdict of ['up', 'down'] as const) {
    app.action<BlockButtonAction>(feedbackActions[verdict], async (args) => {
      await args.ack();
      await handle(args, services, 'slack.feedback_failed', async () => {
        const saved = await fromDatabase(
          services.conversations.saveFeedback({
            answerId: args.action.value ?? '',
            platform: 'slack',
            userId: args.body.user.id,
            verdict,
          }),
        );
        services.logger.info(
          { answerId: args.action.value, user: args.body.user.id, verdict, saved },
          'slack.feedback',
        );
        await tellClicker(
          args,
          saved ? slackMessages.feedbackThanks(verdict) : slackMessages.answerGone,
        );
      });
    });
  }

  app.action<BlockButtonAction>(shareAction, async (args) => {
    await args.ack();
    await handle(args, services, 'slack.share_failed', async () => {
      const record = await fromDatabase(services.conversations.findAnswer(args.action.value ?? ''));
      if (!record) {
        await tellClicker(args, slackMessages.answerGone);
        return;
      }
      const shared = renderAnswer(
        { ...record, query: record.question, collections: [] },
        { feedback: true, sharedBy: args.body.user.id },
      );
      for (const message of shared) {
        await args.respond({ response_type: 'in_channel', replace_original: false, ...message });
      }
      await args.respond({
        response_type: 'ephemeral',
        replace_original: true,
        text: slackMessages.shared,
      });
      services.logger.info({ answerId: record.id, user: args.body.user.id }, 'slack.shared');
    });
  });
}

/** An ephemeral note to whoever clicked, next to the message they clicked in. */
async function tellClicker(args: ButtonArguments, text: string): Promise<void> {
  const container = args.body.container as {
    is_ephemeral?: boolean;
    channel_id?: string;
    thread_ts?: string;
  };
  const channel = container.channel_id ?? args.body.channel?.id;
  if (container.is_ephemeral || !channel) {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text });
    return;
  }
  await args.client.chat.postEphemeral({
    channel,
    user: args.body.user.id,
    ...(container.thread_ts ? { thread_ts: container.thread_ts } : {}),
    text,
  });
}

/** A button that fails still answers the click, with the reason. */
async function handle(
  args: ButtonArguments,
  services: BotServices,
  event: string,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const reference = newReference();
    const reason = failureReason(error);
    services.logger.error({ user: args.body.user.id, reference, reason, err: error }, event);
    try {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: slackMessages.buttonFailed(reason, reference),
      });
    } catch (reportError) {
      services.logger.error({ reference, err: reportError }, 'slack.failure_report_failed');
    }
  }
}
