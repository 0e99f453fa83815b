import type {
  AnswerRecord,
  Citation,
  ConversationStore,
  FeedbackInput,
  Platform,
} from '@knowhow/rag-core';
import type { Database } from './database.js';

interface AnswerRow {
  id: string;
  platform: Platform;
  conversation_id: string;
  user_id: string;
  question: string;
  status: AnswerRecord['status'];
  text: string;
  citations: Citation[];
}

/** The chat bots' store on the same Postgres (or PGlite) as the knowledge base. */
export class PgConversationStore implements ConversationStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async claimEvent(platform: Platform, eventId: string): Promise<boolean> {
    // The primary key makes this atomic across processes: only one insert wins.
    const { rows } = await this.#database.query(
      'INSERT INTO handled_events (platform, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id',
      [platform, eventId],
    );
    return rows.length === 1;
  }

  async forgetEventsBefore(cutoff: Date): Promise<number> {
    const { rows } = await this.#database.query(
      'DELETE FROM handled_events WHERE received_at < $1 RETURNING event_id',
      [cutoff.toISOString()],
    );
    return rows.length;
  }

  async saveAnswer(answer: AnswerRecord): Promise<void> {
    await this.#database.query(
      `INSERT INTO answers (id, platform, conversation_id, user_id, question, status, text, citations)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) ON CONFLICT (id) DO NOTHING`,
      [
        answer.id,
        answer.platform,
        answer.conversationId,
        answer.userId,
        answer.question,
        answer.status,
        answer.text,
        JSON.stringify(answer.citations),
      ],
    );
  }

  async findAnswer(id: string): Promise<AnswerRecord | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const { rows } = await this.#database.query<AnswerRow>(
      'SELECT id, platform, conversation_id, user_id, question, status, text, citations FROM answers WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return (
      row && {
        id: row.id,
        platform: row.platform,
        conversationId: row.conversation_id,
        userId: row.user_id,
        question: row.question,
        status: row.status,
        text: row.text,
        citations: row.citations,
      }
    );
  }

  async saveFeedback(feedback: FeedbackInput): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(feedback.answerId)) return false;
    const { rows } = await this.#database.query(
      `INSERT INTO feedback (answer_id, user_id, platform, verdict, question, comment)
       SELECT id, $2, $3, $4, question, $5 FROM answers WHERE id = $1
       ON CONFLICT (answer_id, user_id) DO UPDATE SET
         verdict = EXCLUDED.verdict, comment = EXCLUDED.comment, created_at = now()
       RETURNING answer_id`,
      [
        feedback.answerId,
        feedback.userId,
        feedback.platform,
        feedback.verdict,
        feedback.comment ?? null,
      ],
    );
    return rows.length === 1;
  }

  async collectionsFor(platform: Platform, conversationId: string): Promise<string[]> {
    const { rows } = await this.#database.query<{ collections: string[] }>(
      'SELECT collections FROM conversation_scopes WHERE platform = $1 AND conversation_id = $2',
      [platform, conversationId],
    );
    return rows[0]?.collections ?? [];
  }

  async setCollections(
    platform: Platform,
    conversationId: string,
    collections: readonly string[],
  ): Promise<void> {
    if (collections.length === 0) {
      await this.#database.query(
        'DELETE FROM conversation_scopes WHERE platform = $1 AND conversation_id = $2',
        [platform, conversationId],
      );
      return;
    }
    await this.#database.query(
      `INSERT INTO conversation_scopes (platform, conversation_id, collections) VALUES ($1, $2, $3::text[])
       ON CONFLICT (platform, conversation_id) DO UPDATE SET collections = EXCLUDED.collections, updated_at = now()`,
      [platform, conversationId, [...collections]],
    );
  }

  async listScopes(): Promise<
    { platform: Platform; conversationId: string; collections: string[] }[]
  > {
    const { rows } = await this.#database.query<{
      platform: Platform;
      conversation_id: string;
      collections: string[];
    }>(
      'SELECT platform, conversation_id, collections FROM conversation_scopes ORDER BY platform, conversation_id',
    );
    return rows.map((row) => ({
      platform: row.platform,
      conversationId: row.conversation_id,
      collections: row.collections,
    }));
  }
}
