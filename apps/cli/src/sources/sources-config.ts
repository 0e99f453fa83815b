import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { KnowhowError } from '@knowhow/rag-core';
import { type SourceType, sourceTypes } from '@knowhow/sources';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { substituteVariables } from './substitute-variables.js';

/** One entry of `sources:` in knowhow.yaml, validated on its own. */
export interface ConfiguredSource {
  readonly name: string;
  readonly type: string;
  readonly collection: string;
  /** Fingerprint of the settings without secrets: a change lists everything again. */
  readonly settings: string;
  /** Set when the entry is valid. */
  readonly sourceType?: SourceType;
  readonly options?: unknown;
  /** Why the entry cannot be used; that source fails, the others sync. */
  readonly problem?: string;
}

export interface SourcesConfig {
  /** The file read; undefined when there is none. */
  readonly path: string | undefined;
  readonly sources: readonly ConfiguredSource[];
}

const entry = z.looseObject({
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, dots, dashes and underscores'),
  type: z.string().trim().min(1),
  collection: z.string().trim().min(1).optional(),
});

/**
 * Reads the sources from knowhow.yaml (in `directory`, or the `KNOWHOW_CONFIG` path). A broken
 * file is a KnowhowError (invalid_configuration); a broken entry is reported with that source only.
 */
export function loadSourcesConfig(
  configPath: string | undefined,
  directory: string,
  variables: Readonly<Record<string, string>>,
): SourcesConfig {
  const path = resolve(directory, configPath ?? 'knowhow.yaml');
  if (!existsSync(path)) {
    if (configPath)
      throw new KnowhowError(
        'invalid_configuration',
        `KNOWHOW_CONFIG names ${path}, which does not exist`,
      );
    return { path: undefined, sources: [] };
  }
  const document = parseDocument(readFileSync(path, 'utf8'));
  if (document.errors.length > 0) {
    throw new KnowhowError(
      'invalid_configuration',
      `${path} is not valid YAML: ${document.errors[0]?.message ?? ''}`,
    );
  }
  const root: unknown = document.toJS();
  const list =
    root && typeof root === 'object' ? (root as { sources?: unknown }).sources : undefined;
  if (list === undefined || list === null) return { path, sources: [] };
  if (!Array.isArray(list))
    throw new KnowhowError('invalid_configuration', `${path}: "sources" must be a list`);
  const sources = list.map((raw, index) => parseEntry(raw, index, variables));
  const names = new Set<string>();
  for (const source of sources) {
    if (names.has(source.name))
      throw new KnowhowError(
        'invalid_configuration',
        `${path}: two sources are named "${source.name}"`,
      );
    names.add(source.name);
  }
  return { path, sources };
}

function parseEntry(
  raw: unknown,
  index: number,
  variables: Readonly<Record<string, string>>,
): ConfiguredSource {
  const where = `sources[${index}]`;
  const common = entry.safeParse(raw);
  if (!common.success) {
    const issues = common.error.issues.map(
      (issue) => `${where}.${issue.path.join('.')}: ${issue.message}`,
    );
    const name = (raw as { name?: unknown } | null)?.name;
    return broken(typeof name === 'string' && name ? name : where, '', issues.join('; '));
  }
  const { name, type, collection, ...rest } = common.data;
  const label = `${where} (${name})`;
  const sourceType = sourceTypes[type];
  if (!sourceType) {
    const known = Object.keys(sourceTypes).join(', ');
    return broken(
      name,
      type,
      `${label}.type: unknown type "${type}"; use one of ${known}`,
      collection,
    );
  }
  const missing = new Set<string>();
  const substituted = substituteVariables(rest, variables, missing);
  if (missing.size > 0) {
    const names = [...missing].map((variable) => `\${${variable}}`).join(', ');
    return broken(
      name,
      type,
      `${label}: ${names} ${missing.size === 1 ? 'is' : 'are'} not set in the environment or .env`,
      collection,
    );
  }
  const parsed = sourceType.settings.safeParse(substituted);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${label}.${issue.path.join('.') || '(settings)'}: ${issue.message}`,
    );
    return broken(name, type, issues.join('; '), collection);
  }
  return {
    name,
    type,
    collection: collection ?? name,
    settings: fingerprint(type, substituted as Record<string, unknown>, sourceType.secrets),
    sourceType,
    options: parsed.data,
  };
}

function broken(
  name: string,
  type: string,
  problem: string,
  collection?: string,
): ConfiguredSource {
  return { name, type, collection: collection ?? name, settings: '', problem };
}

/** Of the settings without their secret fields. */
function fingerprint(
  type: string,
  settings: Record<string, unknown>,
  secrets: readonly string[],
): string {
  const kept = Object.fromEntries(
    Object.entries(settings)
      .filter(([key]) => !secrets.includes(key))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return createHash('sha256').update(JSON.stringify({ type, kept })).digest('hex').slice(0, 16);
}
