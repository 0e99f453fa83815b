import type { ReportedFailure } from '@knowhow/bot-host';
import { fromDatabase } from '@knowhow/rag-core';
import { z } from 'zod';
import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import type { BotServices } from '../bot-services.js';
import {
  feedbackActions,
  nativeFeedbackAction,
  renderAnswer,
  shareAction,
} from '../render/answer-blocks.js';
import { slackMessages } from '../slack-messages.js';

/** Where the clicked message is: only the fields read, from a payload we do not trust. */
const clickContainer = z.object({
  is_ephemeral: z.boolean().optional(),
  channel_id: z.string().optional(),
  thread_ts: z.string().optional(),
});

/** A button's value is the answer id we put there; anything else is not ours. */
const answerIdOf = (value: unknown): string | undefined => z.uuid().safeParse(value).data;

const nativeFeedbackValue = z
  .string()
  .transform((value) => value.split(':'))
  .pipe(z.tuple([z.string(), z.enum(['up', 'down'])]));

type ButtonArguments = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * The buttons under an answer. Feedback is stored (one verdict per user and answer) and
 * acknowledged to the clicker only; "Share in channel" posts a /kb answer for everyone.
 */
export function registerAnswerActions(app: App, services: BotServices): void {
  for (const verdict of ['up', 'down'] as const) {
    app.action<BlockButtonAction>(feedbackActions[verdict], async (args) => {
      await args.ack();
      await recordFeedback(args, services, answerIdOf(args.action.value), verdict);
    });
  }
  // Slack's own feedback buttons, under streamed answers: the value is `answer id:verdict`.
  app.action<BlockButtonAction>(nativeFeedbackAction, async (args) => {
    await args.ack();
    const value = nativeFeedbackValue.safeParse(args.action.value).data;
    await recordFeedback(args, services, answerIdOf(value?.[0]), value?.[1] ?? 'up');
  });

  app.action<BlockButtonAction>(shareAction, async (args) => {
    await args.ack();
    try {
      const answerId = answerIdOf(args.action.value);
      const record = answerId
        ? await fromDatabase(services.conversations.findAnswer(answerId))
        : undefined;
      if (!record) {
        await tellClicker(args, services, slackMessages.answerGone);
        return;
      }
      const shared = renderAnswer(
        { ...record, query: record.question, collections: [] },
        { feedback: true, sharedBy: args.body.user.id },
      );
      for (const message of shared) {
        await args.respond({
          response_type: 'in_channel',
          replace_original: false,
          unfurl_links: false,
          unfurl_media: false,
          ...message,
        });
      }
      await args.respond({
        response_type: 'ephemeral',
        replace_original: true,
        text: slackMessages.shared,
      });
      services.log.info({ type: 'slack.shared', answerId: record.id, user: args.body.user.id });
    } catch (error) {
      await reportFailure(args, services, 'slack.share_failed', error);
    }
  });
}

async function recordFeedback(
  args: ButtonArguments,
  services: BotServices,
  answerId: string | undefined,
  verdict: 'up' | 'down',
): Promise<void> {
  if (!answerId) {
    await tellClicker(args, services, slackMessages.answerGone);
    return;
  }
  let saved: boolean;
  try {
    saved = await services.saveFeedback({ answerId, userId: args.body.user.id, verdict });
  } catch (error) {
    await reportFailure(args, services, 'slack.feedback_failed', error);
    return;
  }
  const note = saved ? slackMessages.feedbackThanks(verdict) : slackMessages.answerGone;
  await tellClicker(args, services, note);
}

/**
 * An ephemeral note to whoever clicked, in the thread they clicked in. The bot may not be in
 * the channel (a shared /kb answer), so the response URL is the fallback. The note is a
 * courtesy: its failure is logged, never reported as the click failing.
 */
async function tellClicker(
  args: ButtonArguments,
  services: BotServices,
  text: string,
): Promise<void> {
  const container = clickContainer.safeParse(args.body.container).data ?? {};
  const channel = container.channel_id ?? args.body.channel?.id;
  try {
    if (!container.is_ephemeral && channel) {
      try {
        await args.client.chat.postEphemeral({
          channel,
          user: args.body.user.id,
          ...(container.thread_ts ? { thread_ts: container.thread_ts } : {}),
          text,
        });
        return;
      } catch (error) {
        services.log.debug({ type: 'slack.ephemeral_fallback', channel }, error);
      }
    }
    await args.respond({ response_type: 'ephemeral', replace_original: false, text });
  } catch (error) {
    services.log.warn({ type: 'slack.click_note_failed', user: args.body.user.id }, error);
  }
}

/** A button that fails still answers the click, with the reason. */
function reportFailure(
  args: ButtonArguments,
  services: BotServices,
  type: Extract<ReportedFailure, { user: string }>['type'],
  error: unknown,
): Promise<void> {
  return services.reportFailure({ type, user: args.body.user.id }, error, (reason, reference) =>
    args.respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: slackMessages.buttonFailed(reason, reference),
    }),
  );
}
