import type { Source } from '@knowhow/rag-core';
import type { z } from 'zod';
import type { RetryNotice } from './http/http-client.js';

/** What every adapter gets besides its settings. */
export interface SourceContext {
  /** The source's name in knowhow.yaml. */
  readonly name: string;
  /** A request is retried after a 429, a 503 or a network error. */
  readonly onRetry?: (notice: RetryNotice) => void;
}

/** One kind of source: the settings it reads from knowhow.yaml and how to create it. */
export interface SourceType<Settings = unknown> {
  /** The settings besides `name`, `type` and `collection`. */
  readonly settings: z.ZodType<Settings>;
  /** Settings that hold secrets: never printed, and left out of the settings fingerprint. */
  readonly secrets: readonly string[];
  create(settings: Settings, context: SourceContext): Source;
}

export function defineSourceType<Schema extends z.ZodType>(type: {
  settings: Schema;
  secrets: readonly string[];
  create(settings: z.output<Schema>, context: SourceContext): Source;
}): SourceType {
  // The settings schema and `create` agree by construction; the registry holds them untyped.
  return type;
}
