import { chatMessages } from '@knowhow/rag-core';
import { escapeTeams } from './render/teams-markdown.js';

const examples = chatMessages.examples.map(({ question }) => `- ${question}`).join('\n');

/**
 * Everything the Teams bot says that is not an answer, decided once here. Each message tells
 * the user what happened and, where it helps, what to do.
 */
export const teamsMessages = {
  ...chatMessages.worded('⚠️'),

  welcome: [
    "Hi, I'm **Knowhow**. I answer questions from the company's documents and show where each answer comes from.",
    `Ask me anything, for example:\n\n${examples}`,
    'In a channel or group chat, mention me: **@Knowhow** followed by your question. Follow-up questions work too, and 👍 / 👎 under an answer tells the people who maintain the documents what to improve. Type **help** to see this again.',
  ].join('\n\n'),

  help: (conversationId: string) =>
    [
      teamsMessages.welcome,
      `This conversation's id, for limiting which documents it answers from (\`knowhow channel set\`): \`${escapeTeams(conversationId)}\``,
    ].join('\n\n'),

  working: 'Looking through the documents…',
  emptyQuestion: chatMessages.emptyQuestion('Type **help** for more.'),

  feedbackFailed: (reason: string, reference: string) =>
    `⚠️ Sorry, your feedback could not be saved (reason: ${reason}, reference ${reference}). Please try again later.`,

  otherOrganisation:
    "Sorry, Knowhow answers only its own organisation's members, and this conversation belongs to another one.",
} as const;
