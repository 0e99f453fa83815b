import type { Answer, ChatTurn } from '../answer/answer.js';
import type { Ask } from '../answer/create-asker.js';
import { asKnowhowError, describeError } from '../errors.js';
import { type ConversationEvent, elapsed, type Log } from '../log-event.js';
import { cleanText } from './clean-text.js';
import type { ConversationStore } from './conversation-store.js';
import type { ConversationSurface } from './conversation-surface.js';
import { fromDatabase, newReference } from './failure-reference.js';
import type { PlatformVocabulary } from './platform-reason.js';
import type { Question, Refusal } from './question.js';
import type { RateLimiter } from './rate-limiter.js';
import { recordAnswer } from './record-answer.js';

export interface ConversationDependencies {
  readonly ask: Ask;
  readonly conversations: ConversationStore;
  readonly limiter: Pick<RateLimiter, 'take'>;
  /** How the platform's own failures (its API's errors) are tagged and worded. */
  readonly vocabulary: Pick<PlatformVocabulary, 'classify' | 'reasonFor'>;
  /** Aborted when a stopping bot's grace period is over: answers still running are cut. */
  readonly signal?: AbortSignal;
  readonly log?: Log;
}

export interface ConversationOptions {
  /** Turns kept for surfaces that cannot read their history back; 0 keeps none. */
  readonly storedTurns?: number;
}

/** Answers one question on one surface; never rejects (failures are told on the surface). */
export type AnswerQuestion = (question: Question, surface: ConversationSurface) => Promise<void>;

const help = /^(help|\?)$/i;

type SkippedStep = Extract<ConversationEvent, { type: 'conversation.step_failed' }>['step'];

/**
 * The conversation lifecycle every chat platform shares: claim the delivery once across
 * retries and processes, refuse empty questions, help requests and askers over the rate
 * limit, acknowledge, read history and the conversation's scope, ask (streaming the answer
 * to the surface), record the answer for feedback, deliver it, link its messages, remember
 * the turns, and turn any failure into a visible message with a reference.
 */
export function createConversation(
  dependencies: ConversationDependencies,
  { storedTurns = 20 }: ConversationOptions = {},
): AnswerQuestion {
  const { ask, conversations, limiter, signal } = dependencies;
  const { classify, reasonFor } = dependencies.vocabulary;
  const log: Log = dependencies.log ?? (() => undefined);
  return async (question, surface) => {
    const started = performance.now();
    const fields = {
      platform: question.platform,
      kind: question.kind,
      conversation: question.scopeId,
      user: question.user,
    };
    // A failed courtesy step (history, record, link) costs that step, never the answer.
    const attempt = async <T>(
      step: SkippedStep,
      work: () => Promise<T>,
      fallback: T,
    ): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        const failure = asKnowhowError(error, classify);
        const reason = reasonFor(failure);
        log({ type: 'conversation.step_failed', ...fields, step, code: failure.code, reason });
        return fallback;
      }
    };
    try {
      if (question.eventId) {
        const claim = conversations.claimEvent(question.platform, question.eventId);
        if (!(await fromDatabase(claim))) {
          log({ type: 'conversation.duplicate', ...fields });
          await surface.duplicate?.();
          return;
        }
      }
      const text = cleanText(question.text);
      const refusal = refusalFor(text, question, limiter);
      if (refusal) {
        log({ type: 'conversation.refused', ...fields, refusal: refusal.kind });
        await surface.refuse(refusal);
        return;
      }
      await surface.acknowledge();
      log({ type: 'conversation.question', ...fields, progressMs: elapsed(started) });
      const stored = surface.readHistory === undefined;
      const [history, collections] = await Promise.all([
        attempt('history', () => readHistory(question, surface, conversations, storedTurns), []),
        fromDatabase(conversations.collectionsFor(question.platform, question.scopeId)),
      ]);
      const write = surface.write;
      const answer = await ask({
        question: text,
        history,
        collections,
        asker: { id: question.user },
        ...(write ? { onToken: (piece: string) => write(piece) } : {}),
        ...(signal ? { signal } : {}),
      });
      const asked = {
        platform: question.platform,
        conversationId: question.scopeId,
        userId: question.user,
        question: text,
      };
      const onRecord = await attempt(
        'record',
        () => recordAnswer(conversations, answer, asked),
        false,
      );
      const messageIds = await surface.deliver(answer, { feedback: onRecord });
      if (onRecord) {
        for (const messageId of messageIds) {
          const link = () =>
            conversations.linkMessage(question.platform, question.scopeId, messageId, answer.id);
          await attempt('link', link, undefined);
        }
      }
      if (stored && storedTurns > 0 && answer.status !== 'failed') {
        const turns = rememberedTurns(text, answer);
        const append = () =>
          conversations.appendTurns(question.platform, question.conversationId, turns, storedTurns);
        await attempt('remember', append, undefined);
      }
      log({
        type: 'conversation.answered',
        ...fields,
        answerId: answer.id,
        status: answer.status,
        ...(answer.reason ? { reason: answer.reason } : {}),
        durationMs: elapsed(started),
      });
    } catch (error) {
      const failure = asKnowhowError(error, classify);
      const reference = newReference();
      const reason = reasonFor(failure);
      log({
        type: 'conversation.failed',
        ...fields,
        code: failure.code,
        reason,
        reference,
        error: describeError(error),
      });
      try {
        await surface.fail({ error: failure, reason, reference });
      } catch (reportError) {
        const reportFailure = asKnowhowError(reportError, classify);
        log({
          type: 'conversation.step_failed',
          ...fields,
          step: 'report_failure',
          code: reportFailure.code,
          reason: reasonFor(reportFailure),
          reference,
        });
      }
    }
  };
}

function refusalFor(
  text: string,
  question: Question,
  limiter: Pick<RateLimiter, 'take'>,
): Refusal | undefined {
  if (!text) return { kind: 'empty' };
  if (help.test(text)) return { kind: 'help' };
  const allowed = limiter.take(question.user);
  return allowed.allowed
    ? undefined
    : { kind: 'rate_limited', retryAfterSeconds: allowed.retryAfterSeconds };
}

async function readHistory(
  question: Question,
  surface: ConversationSurface,
  conversations: ConversationStore,
  storedTurns: number,
): Promise<ChatTurn[]> {
  const turns = surface.readHistory
    ? await surface.readHistory()
    : storedTurns === 0
      ? []
      : await conversations.recentTurns(
          question.platform,
          question.conversationId,
          storedTurns,
          question.historySince,
        );
  // Earlier messages may carry the same odd bytes as a question.
  return turns
    .map((turn) => ({ ...turn, text: cleanText(turn.text) }))
    .filter((turn) => turn.text.length > 0);
}

function rememberedTurns(text: string, answer: Answer): ChatTurn[] {
  return [
    { role: 'user', text, query: answer.query },
    { role: 'assistant', text: cleanText(answer.text) },
  ];
}
