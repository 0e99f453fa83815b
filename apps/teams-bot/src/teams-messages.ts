import { escapeTeams } from './render/teams-markdown.js';

const examples = [
  'How many vacation days do I get?',
  'How do I book a business trip?',
  'What do I do if my laptop is stolen?',
];

/**
 * Everything the Teams bot says that is not an answer, decided once here. Each message tells
 * the user what happened and, where it helps, what to do.
 */
export const teamsMessages = {
  welcome: [
    "Hi, I'm **Knowhow**. I answer questions from the company's documents and show where each answer comes from.",
    `Ask me anything, for example:\n\n${examples.map((example) => `- ${example}`).join('\n')}`,
    'In a channel or group chat, mention me: **@Knowhow** followed by your question. Follow-up questions work too, and 👍 / 👎 under an answer tells the people who maintain the documents what to improve. Type **help** to see this again.',
  ].join('\n\n'),

  help: (conversationId: string) =>
    [
      teamsMessages.welcome,
      `This conversation's id, for limiting which documents it answers from (\`knowhow channel set\`): \`${escapeTeams(conversationId)}\``,
    ].join('\n\n'),

  working: 'Looking through the documents…',
  emptyQuestion:
    'Ask me a question after the mention, for example: "How many vacation days do I get?". Type **help** for more.',

  rateLimited: (retryAfterSeconds: number) =>
    `You're asking faster than I can keep up. Please ask again in ${retryAfterSeconds} s.`,

  /** Something in Knowhow or Teams broke: the reason for the user, the reference for support. */
  unexpected: (reason: string, reference: string) =>
    `⚠️ Sorry, I couldn't answer this one because something went wrong (reason: ${reason}, reference ${reference}). Please try again; if it keeps happening, give the reference to whoever runs Knowhow.`,

  feedbackFailed: (reason: string, reference: string) =>
    `⚠️ Sorry, your feedback could not be saved (reason: ${reason}, reference ${reference}). Please try again later.`,

  otherOrganisation:
    "Sorry, Knowhow answers only its own organisation's members, and this conversation belongs to another one.",

  stopping:
    '⚠️ Knowhow is restarting and stopped before the answer was complete. Please ask again in a minute.',
} as const;
