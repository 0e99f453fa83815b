import { chatMessages } from '@knowhow/rag-core';
import { escapeSlack } from './render/slack-mrkdwn.js';

/**
 * Everything the Slack bot says that is not an answer, decided once here. Each message tells
 * the user what happened and, where it helps, what to do.
 */
export const slackMessages = {
  ...chatMessages.worded(':warning:'),

  working: ':hourglass_flowing_sand: Looking through the knowledge base…',

  /** The thread's status while retrieving (Slack shows "Knowhow is …"). */
  status: 'is looking through the documents…',
  loadingMessages: [
    'Looking through the documents…',
    'Reading the most relevant passages…',
    'Writing the answer…',
  ],

  lookingFor: (question: string) =>
    `:mag: You asked: “${escapeSlack(question.length > 200 ? `${question.slice(0, 200)}…` : question)}”. The answer follows in a moment; only you can see it.`,

  usage: (command: string) =>
    [
      '*Knowhow answers questions from the company’s documents and cites its sources.*',
      `• \`${command} <question>\`: an answer only you can see, with a button to share it in the channel.`,
      '• Mention me in a channel: I answer in the thread, and replies there that mention me are follow-ups.',
      '• Send me a direct message: the same, just between us.',
      `Example: \`${command} how many vacation days do I get?\``,
    ].join('\n'),

  emptyMention: (command: string) =>
    chatMessages.emptyQuestion(`\`${command} help\` shows everything I can do.`),

  buttonFailed: (reason: string, reference: string) =>
    `:warning: Sorry, that didn't work because something went wrong (reason: ${reason}, reference ${reference}). Please try again.`,

  feedbackThanks: (verdict: 'up' | 'down') =>
    verdict === 'up'
      ? 'Thanks for the feedback: glad it helped.'
      : 'Thanks for the feedback. It is recorded so the answers and documents can be improved.',

  answerGone:
    'That answer is no longer on record, so this did not work. Please ask the question again.',

  shared: ':white_check_mark: Shared in the channel.',

  promptsTitle: 'Ask Knowhow about the company’s documents',

  /** The Assistant pane's suggestions: one per collection in scope, else general examples. */
  suggestedPrompts: (collections: readonly string[]) =>
    (collections.length > 0
      ? collections.slice(0, 4).map((collection) => ({
          title: `Ask about ${collection}`,
          message: `What are the most important things to know from ${collection}?`,
        }))
      : chatMessages.examples.map(({ title, question }) => ({ title, message: question }))) as [
      { title: string; message: string },
      ...{ title: string; message: string }[],
    ],

  sharedBy: (user: string) => `Shared by <@${user.replace(/\W/g, '')}>`,
} as const;
