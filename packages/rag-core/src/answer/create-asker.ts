import { randomUUID } from 'node:crypto';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { describeError } from '../errors.js';
import { elapsed, type Log } from '../log-event.js';
import type { Search } from '../retrieve/create-searcher.js';
import type { SearchHit } from '../store/knowledge-store.js';
import type { Answer, AskRequest, Citation } from './answer.js';
import {
  buildSources,
  defaultRelevanceFloor,
  type RelevanceFloor,
  relevantHits,
  type SourcePassage,
} from './build-sources.js';
import { condenseQuestion } from './condense-question.js';
import { extractExcerpts, type QuotedPlace } from './extract-excerpts.js';
import { generateAnswer } from './generate-answer.js';
import { pagesOf } from './page-range.js';

export interface AskerOptions {
  /** Passages retrieved per question. */
  readonly searchLimit?: number;
  /** Tokens of source text given to the model. */
  readonly tokenBudget?: number;
  readonly maxSources?: number;
  readonly relevance?: Partial<RelevanceFloor>;
  /** Bound on everything the model does for one answer, retries included. */
  readonly timeoutMs?: number;
  /** Earlier turns used to understand a follow-up. */
  readonly historyTurns?: number;
  readonly maxQuestionLength?: number;
  /** Inputs of three words or fewer count as follow-ups (default false: they stand alone). */
  readonly shortFollowUps?: boolean;
  /** The chat model's `host:port`, named when it cannot be reached (see describeModelHost). */
  readonly modelHost?: string;
}

export type Ask = (request: AskRequest) => Promise<Answer>;

const defaults = {
  searchLimit: 12,
  tokenBudget: 3000,
  maxSources: 8,
  timeoutMs: 60_000,
  historyTurns: 6,
  maxQuestionLength: 4000,
};

/**
 * The answer pipeline both bots and the CLI call: condense a follow-up, retrieve, keep what is
 * relevant, answer from numbered sources (or quote them without a model), keep only valid
 * citations. It never throws: every outcome is an Answer with a status.
 */
export function createAsker(
  dependencies: {
    readonly search: Search;
    readonly chatModel?: BaseChatModel;
    readonly log?: Log;
    /** Tells "nothing relevant" from "nothing at all", so an empty knowledge base says so. */
    readonly knowledge?: { hasDocuments(collections: readonly string[]): Promise<boolean> };
  },
  options: AskerOptions = {},
): Ask {
  const { search, chatModel, log, knowledge } = dependencies;
  const settings = { ...defaults, ...options };
  const floor = { ...defaultRelevanceFloor, ...options.relevance };
  return async (request) => {
    const started = performance.now();
    const id = randomUUID();
    const collections = request.collections ?? [];
    const question = request.question.trim();
    const trace = {
      query: question,
      hits: 0,
      sources: 0,
      firstTokenMs: undefined as number | undefined,
    };
    const finish = (result: Pick<Answer, 'status'> & Partial<Answer>): Answer => {
      const answer: Answer = {
        id,
        text: '',
        citations: [],
        query: trace.query,
        collections,
        durationMs: elapsed(started),
        ...result,
      };
      log?.({
        type: 'ask',
        answerId: id,
        status: answer.status,
        ...(answer.reason ? { reason: answer.reason } : {}),
        hits: trace.hits,
        sources: trace.sources,
        citations: answer.citations.length,
        condensed: trace.query !== question,
        ...(trace.firstTokenMs === undefined ? {} : { firstTokenMs: trace.firstTokenMs }),
        ...(request.asker ? { asker: request.asker.id } : {}),
        durationMs: answer.durationMs,
      });
      return answer;
    };
    const fail = (reason: NonNullable<Answer['reason']>, error: string, text = '') => {
      log?.({ type: 'ask.failed', answerId: id, reason, error });
      return finish({ status: 'failed', reason, text });
    };
    let callbackFailed = false;
    // A failing caller (a chat message that could not be updated, say) must not lose the
    // answer: it is still returned whole.
    const emit = (text: string) => {
      if (!text || callbackFailed) return;
      trace.firstTokenMs ??= elapsed(started);
      try {
        request.onToken?.(text);
      } catch (error) {
        callbackFailed = true;
        log?.({ type: 'ask.callback_failed', answerId: id, error: describeError(error) });
      }
    };
    if (!question || question.length > settings.maxQuestionLength) {
      return fail('invalid_question', `question of ${question.length} characters`);
    }
    const deadline = AbortSignal.timeout(settings.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
    const history = (request.history ?? []).slice(-settings.historyTurns);
    trace.query = await condenseQuestion(chatModel, history, question, signal, {
      shortInputs: settings.shortFollowUps === true,
    });

    let hits: SearchHit[];
    try {
      hits = (await search(trace.query, { limit: settings.searchLimit, collections })).hits;
    } catch (error) {
      return fail('database_unavailable', describeError(error));
    }
    trace.hits = hits.length;
    const sources = buildSources(relevantHits(hits, floor), settings);
    trace.sources = sources.length;
    if (sources.length === 0) {
      const empty =
        hits.length === 0 && knowledge
          ? !(await knowledge.hasDocuments(collections).catch(() => true))
          : false;
      return finish({ status: 'not_found', ...(empty ? { knowledgeBaseEmpty: true } : {}) });
    }
    if (request.signal?.aborted) return fail('cancelled', 'stopped by the caller');

    if (!chatModel) {
      const excerpts = extractExcerpts(question, trace.query, sources);
      emit(excerpts.text);
      return finish({
        status: 'excerpts',
        text: excerpts.text,
        citations: citationsOf(sources, excerpts.cited, excerpts.quoted),
      });
    }
    // The model sees the standalone form of a follow-up (the question itself when there is no
    // history): it does not see the earlier turns.
    const generation = await generateAnswer(chatModel, trace.query, sources, {
      emit,
      deadline,
      ...(request.signal ? { cancel: request.signal } : {}),
    });
    const modelHost = settings.modelHost ? { modelHost: settings.modelHost } : {};
    switch (generation.outcome) {
      case 'failed': {
        const unreachable =
          generation.reason === 'llm_unavailable' || generation.reason === 'llm_timeout';
        // Nothing written yet and the model is down or too slow: the excerpts still answer,
        // labelled as such (the reason and the host say why).
        if (unreachable && !generation.text && !request.signal?.aborted) {
          log?.({
            type: 'ask.failed',
            answerId: id,
            reason: generation.reason,
            error: generation.error,
          });
          const excerpts = extractExcerpts(question, trace.query, sources);
          return finish({
            status: 'excerpts',
            reason: generation.reason,
            ...modelHost,
            text: excerpts.text,
            citations: citationsOf(sources, excerpts.cited, excerpts.quoted),
          });
        }
        log?.({
          type: 'ask.failed',
          answerId: id,
          reason: generation.reason,
          error: generation.error,
        });
        return finish({
          status: 'failed',
          reason: generation.reason,
          text: generation.text,
          ...(generation.reason === 'llm_unavailable' ? modelHost : {}),
        });
      }
      case 'refused':
        return finish({ status: 'not_found', text: generation.text });
      default:
        return finish({
          status: generation.outcome,
          text: generation.text,
          citations: citationsOf(sources, generation.cited),
        });
    }
  };
}

/**
 * A quoted source (excerpts) is cited by the pages its quoted sentences are on and previewed
 * from them; a source the model cited, by its own page or two.
 */
function citationsOf(
  sources: readonly SourcePassage[],
  cited: readonly number[],
  quoted: readonly QuotedPlace[] = [],
): Citation[] {
  return cited.flatMap((n) => {
    const source = sources[n - 1];
    if (!source) return [];
    const place = quoted.find((entry) => entry.n === n);
    const pages = place ? pagesOf(source, place.start, place.end) : source;
    const excerpt = source.text
      .slice(place?.start ?? 0)
      .replace(/\s+/g, ' ')
      .trim();
    return [
      {
        n,
        title: source.title,
        source: source.source,
        collection: source.collection,
        pageStart: pages.pageStart,
        pageEnd: pages.pageEnd,
        heading: source.heading,
        url: source.url,
        excerpt: excerpt.length > 240 ? `${excerpt.slice(0, 237)}…` : excerpt,
      },
    ];
  });
}
