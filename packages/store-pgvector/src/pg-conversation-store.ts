import type {
  AnswerRecord,
  ChatTurn,
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

  async appendTurns(
    platform: Platform,
    conversationId: string,
    turns: readonly ChatTurn[],
    keep: number,
  ): Promise<void> {
    if (turns.length === 0) return;
    await this.#database.transaction(async (transaction) => {
      await transaction.query(
        `INSERT INTO conversation_turns (platform, conversation_id, role, text, query)
         SELECT $1, $2, turn.role, turn.text, turn.query
         FROM jsonb_to_recordset($3::jsonb) AS turn (role text, text text, query text)`,
        [platform, conversationId, JSON.stringify(turns)],
      );
      await transaction.query(
        `DELETE FROM conversation_turns WHERE platform = $1 AND conversation_id = $2 AND id NOT IN (
           SELECT id FROM conversation_turns WHERE platform = $1 AND conversation_id = $2
           ORDER BY id DESC LIMIT $3)`,
        [platform, conversationId, keep],
      );
    });
  }

  async recentTurns(
    platform: Platform,
    conversationId: string,
    limit: number,
    since?: Date,
  ): Promise<ChatTurn[]> {
    const { rows } = await this.#database.query<{
      role: ChatTurn['role'];
      text: string;
      query: string | null;
    }>(
      `SELECT role, text, query FROM (
         SELECT id, role, text, query FROM conversation_turns
         WHERE platform = $1 AND conversation_id = $2 AND ($4::timestamptz IS NULL OR created_at >= $4)
         ORDER BY id DESC LIMIT $3) AS latest
       ORDER BY id`,
      [platform, conversationId, limit, since?.toISOString() ?? null],
    );
    return rows.map((row) => ({
      role: row.role,
      text: row.text,
      ...(row.query === null ? {} : { query: row.query }),
    }));
  }

  async forgetTurnsBefore(cutoff: Date): Promise<number> {
    const { rows } = await this.#database.query(
      'DELETE FROM conversation_turns WHERE created_at < $1 RETURNING id',
      [cutoff.toISOString()],
    );
    return rows.length;
  }

  async linkMessage(
    platform: Platform,
    conversationId: string,
    messageId: string,
    answerId: string,
  ): Promise<void> {
    await this.#database.query(
      `INSERT INTO answer_messages (platform, conversation_id, message_id, answer_id)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [platform, conversationId, messageId, answerId],
    );
  }

  async answerIdForMessage(
    platform: Platform,
    conversationId: string,
    messageId: string,
  ): Promise<string | undefined> {
    const { rows } = await this.#database.query<{ answer_id: string }>(
      'SELECT answer_id FROM answer_messages WHERE platform = $1 AND conversation_id = $2 AND message_id = $3',
      [platform, conversationId, messageId],
    );
    return rows[0]?.answer_id;
  }
}
