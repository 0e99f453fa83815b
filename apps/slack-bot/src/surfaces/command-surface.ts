import type { ConversationSurface } from '@knowhow/rag-core';
import type { RespondArguments, RespondFn, SlashCommand } from '@slack/bolt';
import { renderAnswer } from '../render/answer-blocks.js';
import { slackMessages } from '../slack-messages.js';

type Ack = (response?: RespondArguments) => Promise<void>;

const shareable = new Set(['answered', 'uncited', 'excerpts']);

/**
 * `/kb`: the acknowledgement (which Slack shows and cannot replace) says what is being looked
 * for, or refuses; the answer follows through the response URL, only the asker sees it, with a
 * button to share it.
 */
export function commandSurface(
  command: Pick<SlashCommand, 'text' | 'command'>,
  ack: Ack,
  respond: RespondFn,
  question: string,
): ConversationSurface {
  let acknowledged = false;
  const acknowledgeWith = async (text: string) => {
    acknowledged = true;
    await ack({ response_type: 'ephemeral', text });
  };
  const tell = async (text: string) => {
    await (acknowledged
      ? respond({ response_type: 'ephemeral', replace_original: false, text })
      : acknowledgeWith(text));
  };
  return {
    readHistory: async () => [],
    // Slack needs an acknowledgement of the replay too; the first delivery answers.
    duplicate: async () => {
      acknowledged = true;
      await ack();
    },
    refuse: (refusal) =>
      acknowledgeWith(
        refusal.kind === 'rate_limited'
          ? slackMessages.rateLimited(refusal.retryAfterSeconds)
          : slackMessages.usage(command.command),
      ),
    acknowledge: () => acknowledgeWith(slackMessages.lookingFor(question)),
    async deliver(answer, { feedback }) {
      const share = feedback && shareable.has(answer.status);
      for (const message of renderAnswer(answer, { feedback, share })) {
        await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      }
      return [];
    },
    fail: ({ reason, reference }) => tell(slackMessages.unexpected(reason, reference)),
  };
}
