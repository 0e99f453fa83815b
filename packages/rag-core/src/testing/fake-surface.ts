import type { Answer, ChatTurn } from '../answer/answer.js';
import type {
  ConversationFailure,
  ConversationSurface,
} from '../conversation/conversation-surface.js';
import type { Refusal } from '../conversation/question.js';
import { KnowhowError } from '../errors.js';

/** What a FakeSurface was asked to do, in order. */
export type SurfaceCall =
  | { readonly kind: 'refuse'; readonly refusal: Refusal }
  | { readonly kind: 'acknowledge' }
  | { readonly kind: 'write'; readonly text: string }
  | { readonly kind: 'deliver'; readonly answer: Answer; readonly feedback: boolean }
  | { readonly kind: 'fail'; readonly failure: ConversationFailure };

export interface FakeSurfaceOptions {
  /** Turns the platform reads back; absent: the lifecycle uses stored turns. */
  readonly history?: readonly ChatTurn[] | (() => Promise<readonly ChatTurn[]>);
  /** Message ids deliver resolves with. */
  readonly messageIds?: readonly string[];
  /** Makes the named step throw this. */
  readonly failing?: Partial<Record<'acknowledge' | 'deliver' | 'fail' | 'refuse', unknown>>;
}

/** A platform's errors in these tests (`{ platform: 'rate_limited' }`) and their words. */
export const fakeVocabulary = {
  classify: (error: unknown): KnowhowError | undefined => {
    const platform = (error as { platform?: unknown } | null)?.platform;
    return platform === 'rate_limited'
      ? new KnowhowError('platform_rate_limited', 'rate limited', { cause: error })
      : undefined;
  },
  reasonFor: (error: KnowhowError): string =>
    error.code === 'platform_rate_limited' ? 'fake_rate_limited' : error.code,
};

/** One surface for every lifecycle test: it records each call and can fail on request. */
export class FakeSurface implements ConversationSurface {
  readonly calls: SurfaceCall[] = [];
  readonly readHistory?: () => Promise<readonly ChatTurn[]>;
  readonly #options: FakeSurfaceOptions;

  constructor(options: FakeSurfaceOptions = {}) {
    this.#options = options;
    const history = options.history;
    if (history !== undefined) {
      this.readHistory = typeof history === 'function' ? history : async () => history;
    }
  }

  readonly write = (text: string): void => {
    this.calls.push({ kind: 'write', text });
  };

  async refuse(refusal: Refusal): Promise<void> {
    this.#maybeFail('refuse');
    this.calls.push({ kind: 'refuse', refusal });
  }

  async acknowledge(): Promise<void> {
    this.#maybeFail('acknowledge');
    this.calls.push({ kind: 'acknowledge' });
  }

  async deliver(answer: Answer, options: { feedback: boolean }): Promise<readonly string[]> {
    this.#maybeFail('deliver');
    this.calls.push({ kind: 'deliver', answer, feedback: options.feedback });
    return this.#options.messageIds ?? [];
  }

  async fail(failure: ConversationFailure): Promise<void> {
    this.#maybeFail('fail');
    this.calls.push({ kind: 'fail', failure });
  }

  /** The kinds of calls, in order: `['acknowledge', 'write', 'deliver']`. */
  get kinds(): string[] {
    return this.calls.map((call) => call.kind);
  }

  #maybeFail(step: keyof NonNullable<FakeSurfaceOptions['failing']>): void {
    const failing = this.#options.failing;
    if (failing && step in failing) throw failing[step];
  }
}
