import type { ChatTurn } from '../answer/answer.js';
import type {
  AnswerRecord,
  ConversationStore,
  FeedbackInput,
  Platform,
} from '../conversation/conversation-store.js';

/**
 * The conversation port in memory, for lifecycle tests in this package (the real one, over
 * Postgres, is store-pgvector's and has its own contract tests). `failing` makes every call
 * reject, as an unreachable database does.
 */
export class MemoryConversationStore implements ConversationStore {
  readonly answers = new Map<string, AnswerRecord>();
  readonly feedback: FeedbackInput[] = [];
  readonly links = new Map<string, string>();
  failing: Error | undefined = undefined;
  readonly #events = new Set<string>();
  readonly #scopes = new Map<string, string[]>();
  readonly #turns = new Map<string, { turn: ChatTurn; at: Date }[]>();

  async claimEvent(platform: Platform, eventId: string): Promise<boolean> {
    this.#check();
    const key = `${platform}:${eventId}`;
    if (this.#events.has(key)) return false;
    this.#events.add(key);
    return true;
  }
  async forgetEventsBefore(): Promise<number> {
    return 0;
  }
  async saveAnswer(answer: AnswerRecord): Promise<void> {
    this.#check();
    this.answers.set(answer.id, answer);
  }
  async findAnswer(id: string): Promise<AnswerRecord | undefined> {
    this.#check();
    return this.answers.get(id);
  }
  async saveFeedback(feedback: FeedbackInput): Promise<boolean> {
    this.#check();
    if (!this.answers.has(feedback.answerId)) return false;
    this.feedback.push(feedback);
    return true;
  }
  async collectionsFor(platform: Platform, conversationId: string): Promise<string[]> {
    this.#check();
    return this.#scopes.get(`${platform}:${conversationId}`) ?? [];
  }
  async setCollections(platform: Platform, conversationId: string, collections: readonly string[]) {
    this.#check();
    this.#scopes.set(`${platform}:${conversationId}`, [...collections]);
  }
  async listScopes() {
    return [...this.#scopes].map(([key, collections]) => {
      const [platform = '', ...rest] = key.split(':');
      return { platform, conversationId: rest.join(':'), collections };
    });
  }
  async appendTurns(
    platform: Platform,
    conversationId: string,
    turns: readonly ChatTurn[],
    keep: number,
  ): Promise<void> {
    this.#check();
    const key = `${platform}:${conversationId}`;
    const kept = [
      ...(this.#turns.get(key) ?? []),
      ...turns.map((turn) => ({ turn, at: new Date() })),
    ];
    this.#turns.set(key, kept.slice(-keep));
  }
  async recentTurns(platform: Platform, conversationId: string, limit: number, since?: Date) {
    this.#check();
    return (this.#turns.get(`${platform}:${conversationId}`) ?? [])
      .filter((entry) => !since || entry.at >= since)
      .slice(-limit)
      .map((entry) => entry.turn);
  }
  async forgetTurnsBefore(): Promise<number> {
    return 0;
  }
  async linkMessage(
    platform: Platform,
    conversationId: string,
    messageId: string,
    answerId: string,
  ) {
    this.#check();
    this.links.set(`${platform}:${conversationId}:${messageId}`, answerId);
  }
  async answerIdForMessage(platform: Platform, conversationId: string, messageId: string) {
    this.#check();
    return this.links.get(`${platform}:${conversationId}:${messageId}`);
  }
  #check(): void {
    if (this.failing !== undefined) throw this.failing;
  }
}
