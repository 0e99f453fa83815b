const rateLimited = (retryAfterSeconds: number) =>
  `You're asking faster than I can keep up. Please ask again in ${retryAfterSeconds} s.`;

/** Something in Knowhow or the platform broke: the reason for the user, the reference for support. */
const unexpected = (reason: string, reference: string) =>
  `Sorry, I couldn't answer this one because something went wrong (reason: ${reason}, reference ${reference}). Please try again; if it keeps happening, give the reference to whoever runs Knowhow.`;

const stopping =
  'Knowhow is restarting and stopped before the answer was complete. Please ask again in a minute.';

/**
 * What every chat bot says outside its answers, decided once: each platform adds only its own
 * markup (an emoji code, Markdown or mrkdwn) and its own way to ask for help.
 */
export const chatMessages = {
  examples: [
    { title: 'Vacation days', question: 'How many vacation days do I get?' },
    { title: 'Business travel', question: 'How do I book a business trip?' },
    { title: 'Lost laptop', question: 'What do I do if my laptop is stolen?' },
  ],

  /** After a mention without a question; `help` says how to see everything the bot does. */
  emptyQuestion: (help: string) =>
    `Ask me a question after the mention, for example: “How many vacation days do I get?”. ${help}`,

  /** The messages about failures and limits, with a platform's own warning sign (an emoji) before the failures. */
  worded: (warning: string) =>
    ({
      rateLimited,
      unexpected: (reason: string, reference: string) =>
        `${warning} ${unexpected(reason, reference)}`,
      stopping: `${warning} ${stopping}`,
    }) as const,
} as const;
