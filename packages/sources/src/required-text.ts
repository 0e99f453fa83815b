import { z } from 'zod';

/** A required text setting whose error says what to put there, not just "expected string". */
export function requiredText(what: string) {
  return z
    .string({
      error: (issue) => (issue.input === undefined ? `is required: ${what}` : 'must be text'),
    })
    .trim()
    .min(1, `is required: ${what}`);
}
