import type { AnswerLayout, Citation, RenderedAnswer } from '@knowhow/rag-core';
import { answerLayout, describeLocation, splitText } from '@knowhow/rag-core';
import type { types } from '@slack/bolt';
import { slackMessages } from '../slack-messages.js';
import { escapeSlack, toMrkdwn } from './slack-mrkdwn.js';

type KnownBlock = types.KnownBlock;

export const feedbackActions = {
  up: 'knowhow_feedback_up',
  down: 'knowhow_feedback_down',
} as const;
export const shareAction = 'knowhow_share';
/** Slack's own 👍/👎 (`feedback_buttons`) under a streamed answer; the value is `id:verdict`. */
export const nativeFeedbackAction = 'knowhow_feedback';

/**
 * Slack allows 50 blocks a message, and about 12,000 characters of text across them
 * (msg_blocks_too_long); a longer answer continues in the next message.
 */
const maxBlocks = 50;
const maxMessageText = 11_000;
// Slack's limit is 3,000 characters a section; a little room for the escaping of a cut.
const sectionLimit = 2900;
/** Slack truncates `text` beyond 40,000 characters; the fallback is a preview anyway. */
const maxFallback = 3000;

export interface SlackMessage {
  /** Plain fallback for notifications, screen readers and thread history. */
  readonly text: string;
  readonly blocks: KnownBlock[];
}

export interface RenderOptions {
  /** Helpful / not helpful buttons (only when the answer is on record). */
  readonly feedback?: boolean;
  /** A "Share in channel" button (answers shown only to the asker). */
  readonly share?: boolean;
  /** Who shared it, for a shared answer. */
  readonly sharedBy?: string;
}

/** `1. <https://…|Title> · p. 7`: only a citation's own http(s) address becomes a link. */
export function formatSource(citation: Citation): string {
  const title = escapeSlack(citation.title);
  const safeUrl =
    citation.url && /^https?:\/\/[^\s|<>]+$/.test(citation.url) ? citation.url : undefined;
  const name = safeUrl ? `<${safeUrl}|${title.replaceAll('|', '¦')}>` : `*${title}*`;
  return `${citation.n}. ${name} · ${escapeSlack(describeLocation(citation) ?? citation.source)}`;
}

// verbatim: Slack would otherwise turn bare addresses, #channel names and some @names in the
// text into links and mentions on its own.
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text, verbatim: true });
const section = (text: string): KnownBlock => ({ type: 'section', text: mrkdwn(text) });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [mrkdwn(text)] });

/** The excerpts label, above the text. */
const labelBlocks = ({ label }: AnswerLayout) => (label ? [context(escapeSlack(label))] : []);

/** The warning and the sources under the text; a section holds 3,000 characters of them. */
function closingNotes({ caution, sources }: AnswerLayout): KnownBlock[] {
  const list = ['*Sources*', ...sources.map(formatSource)].join('\n');
  return [
    ...(caution ? [context(`:warning: ${escapeSlack(caution)}`)] : []),
    ...(sources.length > 0 ? splitText(list, sectionLimit).map(section) : []),
  ];
}

function bodyBlocks(layout: AnswerLayout): KnownBlock[] {
  if (layout.notice) return [section(escapeSlack(layout.notice))];
  if (layout.failure) return [section(`:warning: ${escapeSlack(layout.failure)}`)];
  return [
    ...labelBlocks(layout),
    ...splitText(toMrkdwn(layout.markdown ?? ''), sectionLimit).map(section),
    ...closingNotes(layout),
  ];
}

function actions(answerId: string, feedback: boolean, share: boolean): KnownBlock {
  const button = (actionId: string, text: string) => ({
    type: 'button' as const,
    action_id: actionId,
    value: answerId,
    text: { type: 'plain_text' as const, text, emoji: true },
  });
  return {
    type: 'actions',
    block_id: 'knowhow_answer_actions',
    elements: [
      ...(feedback
        ? [
            button(feedbackActions.up, ':+1: Helpful'),
            button(feedbackActions.down, ':-1: Not helpful'),
          ]
        : []),
      ...(share ? [{ ...button(shareAction, 'Share in channel'), style: 'primary' as const }] : []),
    ],
  };
}

function blockTextLength(block: KnownBlock): number {
  if (block.type === 'section') return block.text?.text.length ?? 0;
  if (block.type === 'context') {
    return block.elements.reduce(
      (sum, element) => sum + ('text' in element ? element.text.length : 0),
      0,
    );
  }
  return 0;
}

/**
 * The plain text of a message: what notifications show and what thread history reads back.
 * As inert as the blocks: escaped, links as "text (address)"; sent with `parse: none`.
 */
function fallbackText(answer: RenderedAnswer, blocks: readonly KnownBlock[]): string {
  if (answer.status === 'answered' || answer.status === 'uncited' || answer.status === 'excerpts') {
    return toMrkdwn(answer.text)
      .slice(0, maxFallback)
      .replace(/&[a-z]{0,4}$/, '');
  }
  const first = blocks.find((block) => block.type === 'section');
  return first?.type === 'section' && first.text ? first.text.text : answer.query;
}

/**
 * An answer as Slack messages: usually one; a very long one continues in more, each within
 * Slack's block and text limits. The sources and buttons close the last message.
 */
export function renderAnswer(answer: RenderedAnswer, options: RenderOptions = {}): SlackMessage[] {
  const blocks = bodyBlocks(answerLayout(answer));
  if (options.sharedBy) blocks.unshift(context(slackMessages.sharedBy(options.sharedBy)));
  const share = options.share === true && answer.status !== 'failed';
  const feedback = options.feedback === true && answer.status !== 'failed';
  if (feedback || share) blocks.push(actions(answer.id, feedback, share));
  const text = fallbackText(answer, blocks);
  const messages: SlackMessage[] = [];
  let current: KnownBlock[] = [];
  let length = 0;
  for (const block of blocks) {
    const size = blockTextLength(block);
    if (current.length > 0 && (current.length === maxBlocks || length + size > maxMessageText)) {
      messages.push({ text: messages.length === 0 ? text : '…', blocks: current });
      current = [];
      length = 0;
    }
    current.push(block);
    length += size;
  }
  if (current.length > 0)
    messages.push({ text: messages.length === 0 ? text : '…', blocks: current });
  return messages;
}

/** What a thread shows while the answer streams in: its newest part, as a message's `text`. */
export function progressText(partial: string): string {
  const shown = toMrkdwn(partial);
  return shown.length > 3900
    ? `…${shown.slice(-3900)} :hourglass_flowing_sand:`
    : `${shown} :hourglass_flowing_sand:`;
}

/**
 * What closes a streamed answer, whose text Slack already shows: the uncited warning, the
 * sources, and Slack's own feedback buttons in a `context_actions` block.
 */
export function closingBlocks(
  answer: RenderedAnswer,
  options: { feedback: boolean },
): KnownBlock[] {
  const layout = answerLayout(answer);
  const blocks = [...labelBlocks(layout), ...closingNotes(layout)];
  if (options.feedback && answer.status !== 'failed') {
    const button = (text: string, verdict: 'up' | 'down') => ({
      text: { type: 'plain_text' as const, text },
      value: `${answer.id}:${verdict}`,
    });
    blocks.push({
      type: 'context_actions',
      elements: [
        {
          type: 'feedback_buttons',
          action_id: nativeFeedbackAction,
          positive_button: button('Helpful', 'up'),
          negative_button: button('Not helpful', 'down'),
        },
      ],
    });
  }
  return blocks;
}
