import type { z } from 'zod';
import { environmentExamples } from './environment-examples.js';

const secret = /TOKEN|SECRET|PASSWORD|KEY/i;

/**
 * One line about an invalid variable: its name, what is wrong with the value (and the value,
 * unless it is a secret), and a valid example, e.g.
 * `KNOWHOW_MAX_FILE_MB: must be a number (got "abc"); for example KNOWHOW_MAX_FILE_MB=50`.
 */
export function describeEnvironmentIssue(
  issue: z.core.$ZodIssue,
  values: Readonly<Record<string, string | undefined>>,
): string {
  const name = String(issue.path[0] ?? '');
  const value = values[name];
  const example = environmentExamples[name];
  return [
    `${name}: ${problemOf(issue, value)}`,
    value === undefined || issue.code === 'custom' ? '' : ` (got ${show(name, value)})`,
    example ? `; for example ${name}=${example}` : '; see .env.example',
  ].join('');
}

function problemOf(issue: z.core.$ZodIssue, value: string | undefined): string {
  // Our own messages are phrased for this place ("is required …", "must be …"); zod's
  // defaults ("Invalid input: expected number, received NaN") are not.
  if (/^[a-z]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is required';
      if (issue.expected === 'int') return 'must be a whole number';
      return issue.expected === 'number' ? 'must be a number' : `must be a ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      return issue.inclusive
        ? `must be at least ${String(issue.minimum)}`
        : `must be more than ${String(issue.minimum)}`;
    case 'too_big':
      return issue.inclusive
        ? `must be at most ${String(issue.maximum)}`
        : `must be less than ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'url' ? 'must be a URL' : `must be a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

function show(name: string, value: string): string {
  if (secret.test(name)) return `a hidden value of ${value.length} characters`;
  // A connection URL's password is a secret too.
  const masked = value.replace(/^([a-z]+:\/\/[^:/@]+:)[^@]*@/i, '$1***@');
  return JSON.stringify(masked.length > 80 ? `${masked.slice(0, 77)}…` : masked);
}
