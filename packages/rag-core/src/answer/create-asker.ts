import { randomUUID } from 'node:crypto';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { describeError } from '../errors.js';
import { elapsed, type Log } from '../log-event.js';
import type { Search } from '../retrieve/create-searcher.js';
import type { SearchHit } from '../store/knowledge-store.js';
import type { Answer, AskRequest, Citation } from './answer.js';
import {
  answerSystemPrompt,
  answerUserPrompt,
  newBoundary,
  notFoundSentence,
} from './answer-prompt.js';
import {
  buildSources,
  defaultRelevanceFloor,
  isRelevant,
  type RelevanceFloor,
  type SourcePassage,
} from './build-sources.js';
import { createCitationFilter } from './citation-filter.js';
import { classifyModelFailure } from './classify-failure.js';
import { condenseQuestion } from './condense-question.js';
import { extractExcerpts } from './extract-excerpts.js';

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
  dependencies: { readonly search: Search; readonly chatModel?: BaseChatModel; readonly log?: Log },
  options: AskerOptions = {},
): Ask {
  const { search, chatModel, log } = dependencies;
  const settings = { ...defaults, ...options };
  const floor = { ...defaultRelevanceFloor, ...options.relevance };
  return async (request) => {
    const started = performance.now();
    const collections = request.collections ?? [];
    const question = request.question.trim();
    let query = question;
    let firstTokenMs: number | undefined;
    let hitCount = 0;
    let sourceCount = 0;
    const finish = (result: Pick<Answer, 'status'> & Partial<Answer>): Answer => {
      const answer: Answer = {
        id: randomUUID(),
        text: '',
        citations: [],
        query,
        collections,
        durationMs: elapsed(started),
        ...result,
      };
      log?.({
        type: 'ask',
        status: answer.status,
        ...(answer.reason ? { reason: answer.reason } : {}),
        hits: hitCount,
        sources: sourceCount,
        citations: answer.citations.length,
        condensed: query !== question,
        ...(firstTokenMs === undefined ? {} : { firstTokenMs }),
        ...(request.asker ? { asker: request.asker.id } : {}),
        durationMs: answer.durationMs,
      });
      return answer;
    };
    const emit = (text: string) => {
      if (!text) return;
      firstTokenMs ??= elapsed(started);
      request.onToken?.(text);
    };
    if (!question || question.length > settings.maxQuestionLength) {
      return finish({ status: 'failed', reason: 'invalid_question' });
    }
    const deadline = AbortSignal.timeout(settings.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
    const history = (request.history ?? []).slice(-settings.historyTurns);
    query = await condenseQuestion(chatModel, history, question, signal);

    let hits: SearchHit[];
    try {
      hits = (await search(query, { limit: settings.searchLimit, collections })).hits;
    } catch (error) {
      log?.({ type: 'ask.failed', reason: 'store_unavailable', error: describeError(error) });
      return finish({ status: 'failed', reason: 'store_unavailable' });
    }
    hitCount = hits.length;
    const sources = buildSources(
      hits.filter((hit) => isRelevant(hit, floor)),
      settings,
    );
    sourceCount = sources.length;
    if (sources.length === 0) return finish({ status: 'not_found' });

    if (!chatModel) {
      const excerpts = extractExcerpts(query, sources);
      emit(excerpts.text);
      return finish({
        status: 'excerpts',
        text: excerpts.text,
        citations: citationsOf(sources, excerpts.cited),
      });
    }

    const boundary = newBoundary();
    const filter = createCitationFilter(sources.length);
    let text = '';
    try {
      const stream = await chatModel.stream(
        [
          ['system', answerSystemPrompt(boundary)],
          ['user', answerUserPrompt(history.length > 0 ? query : question, sources, boundary)],
        ],
        { signal },
      );
      for await (const chunk of stream) {
        const piece = filter.push(typeof chunk.content === 'string' ? chunk.content : '');
        text += piece;
        emit(piece);
      }
      const rest = filter.end();
      text += rest;
      emit(rest);
    } catch (error) {
      const reason = classifyModelFailure(error, deadline.aborted);
      log?.({ type: 'ask.failed', reason, error: describeError(error) });
      return finish({ status: 'failed', reason, text });
    }
    const cited = filter.cited();
    if (
      cited.length === 0 &&
      text.toLowerCase().includes(notFoundSentence.toLowerCase().slice(0, 40))
    ) {
      return finish({ status: 'not_found', text });
    }
    return finish({
      status: cited.length > 0 ? 'answered' : 'uncited',
      text,
      citations: citationsOf(sources, cited),
    });
  };
}

function citationsOf(sources: readonly SourcePassage[], cited: readonly number[]): Citation[] {
  return cited.flatMap((n) => {
    const source = sources[n - 1];
    if (!source) return [];
    const excerpt = source.text.replace(/\s+/g, ' ').trim();
    return [
      {
        n,
        title: source.title,
        source: source.source,
        collection: source.collection,
        pageStart: source.pageStart,
        pageEnd: source.pageEnd,
        heading: source.heading,
        url: source.url,
        excerpt: excerpt.length > 240 ? `${excerpt.slice(0, 237)}…` : excerpt,
      },
    ];
  });
}
