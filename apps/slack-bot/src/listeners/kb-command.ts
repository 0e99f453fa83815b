import { fromDatabase, newReference } from '@knowhow/rag-core';
import type { App, RespondFn } from '@slack/bolt';
import type { BotServices } from '../bot-services.js';
import { failureReason } from '../failure-reason.js';
import { keepAnswer } from '../keep-answer.js';
import { renderAnswer } from '../render/answer-blocks.js';
import { fromSlackText } from '../render/from-slack-text.js';
import { slackMessages } from '../slack-messages.js';

interface CommandQuestion {
  readonly channel: string;
  readonly user: string;
  readonly question: string;
}

/**
 * `/kb <question>`: the answer only the asker sees, with a button to share it; `/kb` alone or
 * `/kb help` explains. The command is acknowledged at once with the question (Slack cannot
 * replace a command's acknowledgement, so it is worded to stay), and the answer follows
 * through the response URL.
 */
export function registerKbCommand(app: App, services: BotServices): void {
  app.command(services.config.command, async ({ command, ack, respond }) => {
    const question = fromSlackText(command.text);
    if (!question || /^(help|\?)$/i.test(question)) {
      await ack({ response_type: 'ephemeral', text: slackMessages.usage(services.config.command) });
      return;
    }
    const allowed = services.limiter.take(command.user_id);
    if (!allowed.allowed) {
      services.logger.info({ kind: 'command', user: command.user_id }, 'slack.rate_limited');
      await ack({
        response_type: 'ephemeral',
        text: slackMessages.rateLimited(allowed.retryAfterSeconds),
      });
      return;
    }
    await ack({ response_type: 'ephemeral', text: slackMessages.lookingFor(question) });
    const asked = { channel: command.channel_id, user: command.user_id, question };
    await answerCommand(asked, respond, services);
  });
}

async function answerCommand(
  asked: CommandQuestion,
  respond: RespondFn,
  services: BotServices,
): Promise<void> {
  const started = performance.now();
  const fields = { kind: 'command', channel: asked.channel, user: asked.user };
  services.logger.info(fields, 'slack.question');
  try {
    const collections = await fromDatabase(
      services.conversations.collectionsFor('slack', asked.channel),
    );
    const answer = await services.ask({
      question: asked.question,
      collections,
      asker: { id: asked.user },
      signal: services.inFlight.signal,
    });
    const onRecord = await keepAnswer(answer, asked, services);
    const shareable = ['answered', 'uncited', 'excerpts'].includes(answer.status);
    const messages = renderAnswer(answer, { feedback: onRecord, share: onRecord && shareable });
    for (const message of messages) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...message });
    }
    services.logger.info(
      {
        ...fields,
        answerId: answer.id,
        status: answer.status,
        durationMs: Math.round(performance.now() - started),
      },
      'slack.answered',
    );
  } catch (error) {
    const reference = newReference();
    const reason = failureReason(error);
    services.logger.error({ ...fields, reference, reason, err: error }, 'slack.answer_failed');
    try {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: slackMessages.unexpected(reason, reference),
      });
    } catch (reportError) {
      services.logger.error(
        { ...fields, reference, err: reportError },
        'slack.failure_report_failed',
      );
    }
  }
}
