import { maxSearchLimit } from '@knowhow/rag-core';
import { InvalidArgumentError, Option } from 'commander';

/** `--k 5`: a result count the searcher accepts. */
export function resultCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > maxSearchLimit) {
    throw new InvalidArgumentError(`expected a whole number from 1 to ${maxSearchLimit}`);
  }
  return count;
}

/** `--k 1,3,5,10`. */
export function resultCounts(value: string): number[] {
  return value.split(',').map((part) => resultCount(part.trim()));
}

/** `--collection hr --collection it` and `--collection hr,it` both work. */
export function collectionsOption(): Option {
  return new Option(
    '-c, --collection <name>',
    'only this collection (repeatable, or comma-separated)',
  )
    .default([])
    .argParser((value: string, previous: string[]) => {
      const names = value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      if (names.length === 0)
        throw new InvalidArgumentError('must name a collection, e.g. --collection hr');
      return [...previous, ...names];
    });
}

/** `--collections hr,it`: at least one name. */
export function collectionList(value: string): string[] {
  const names = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError('expected collection names, e.g. hr,it');
  return names;
}

/**
 * `ingest --collection hr`: exactly one name, without commas (those separate names where
 * several are allowed) and not blank; given once.
 */
export function singleCollection(value: string, previous: string | undefined): string {
  if (previous !== undefined)
    throw new InvalidArgumentError('given twice; ingest puts documents in one collection');
  const name = value.trim();
  if (!name) throw new InvalidArgumentError('must name a collection, e.g. --collection hr');
  if (name.includes(','))
    throw new InvalidArgumentError(
      `"${name}" names several collections; ingest puts documents in one (run it once per collection)`,
    );
  if (name.length > 100 || /[\p{Cc}]/u.test(name))
    throw new InvalidArgumentError('must be at most 100 characters, without control characters');
  return name;
}
