/** A chat completion request as the fake reads it. */
export interface ChatRequest {
  readonly model: string;
  readonly stream: boolean;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
}

/** How the fake answers one request. */
export interface ChatReply {
  readonly content?: string;
  /** Answer with this HTTP error instead. */
  readonly status?: number;
  /** Wait before answering (slow models, timeouts). */
  readonly delayMs?: number;
  /** Wait between streamed pieces. */
  readonly pieceDelayMs?: number;
}

export type ChatResponder = (request: ChatRequest) => ChatReply;

const stopWords = new Set([
  'the',
  'and',
  'for',
  'how',
  'are',
  'does',
  'what',
  'with',
  'get',
  'can',
  'you',
  'our',
]);

const words = (text: string) =>
  new Set(
    (text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? [])
      .filter((word) => !stopWords.has(word))
      .map((word) => word.slice(0, 5)),
  );

/**
 * A deterministic stand-in for a model that follows Knowhow's prompts: it makes a follow-up
 * standalone by dropping its leading "and"/"what about", and answers with the sentence of the
 * fenced sources that shares most words with the question, citing its source; with no overlap
 * it refuses.
 */
export const groundedResponder: ChatResponder = (request) => {
  const system = request.messages.find((message) => message.role === 'system')?.content ?? '';
  const user = request.messages.findLast((message) => message.role === 'user')?.content ?? '';
  if (system.includes('standalone search query')) {
    const last = [...user.matchAll(/^User: (.*)$/gm)].at(-1)?.[1] ?? '';
    const standalone = last.replace(/^\s*(and|what about|how about)\s+/i, '');
    return { content: standalone.charAt(0).toUpperCase() + standalone.slice(1) };
  }
  const question = /Question: ([\s\S]*)$/.exec(user)?.[1] ?? '';
  const wanted = words(question);
  let best = { score: 0, sentence: '', n: 0 };
  for (const match of user.matchAll(/<source-(\w+) n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/source-\1>/g)) {
    const text = (match[3] ?? '').replace(/([^\n])\n(?![\n\-*|#>])/g, '$1 ');
    for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
      const have = words(sentence);
      const score = [...wanted].filter((word) => have.has(word)).length;
      if (score > best.score) best = { score, sentence: sentence.trim(), n: Number(match[2]) };
    }
  }
  return {
    content:
      best.score > 0
        ? `${best.sentence} [${best.n}]`
        : 'I could not find this in the knowledge base.',
  };
};

/** Splits text into small pieces, as a model streams tokens. */
export function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}
