import { confluenceSource } from './confluence/confluence-source.js';
import type { SourceType } from './source-type.js';

/** Every source type `knowhow.yaml` may name, by its `type`. */
export const sourceTypes: Readonly<Record<string, SourceType>> = {
  confluence: confluenceSource,
};
