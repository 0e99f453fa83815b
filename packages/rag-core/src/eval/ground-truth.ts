import { z } from 'zod';
import { KnowhowError } from '../errors.js';

export interface ExpectedSource {
  /** File name or path relative to the ingest root. */
  readonly source: string;
  /** 1-based page, when the truth names one. */
  readonly page: number | null;
  /** A heading of the section that answers (markdown, HTML, Word), when the truth names one. */
  readonly section: string | null;
}

export interface EvalCase {
  readonly line: number;
  readonly question: string;
  /** Empty for an off-topic question, which must be answered `not_found`. */
  readonly expected: readonly ExpectedSource[];
  readonly offTopic: boolean;
}

// The contoso format: `… [Northwind_Standard_Benefits_Details.pdf#page=7]`.
const citation = /\[([^\]#[]+?)#page=(\d+)(?:\([^)]*\))?\]/g;

// Only the fields Knowhow reads; anything else on a line is ignored.
const caseSchema = z.object({
  question: z.string().trim().min(1),
  sources: z
    .array(
      z.object({
        source: z.string().trim().min(1),
        page: z.number().int().positive().nullish(),
        section: z.string().trim().min(1).nullish(),
      }),
    )
    .min(1)
    .optional(),
  truth: z.string().optional(),
  not_found: z.literal(true).optional(),
});

/**
 * Parses an evaluation file: one JSON object per line with `question` and either `sources`
 * (`[{"source": "...", "page": N, "section": "..."}]`), a `truth` text with `[file#page=N]`
 * citations, or `"not_found": true` for a question the knowledge base must not answer.
 */
export function parseGroundTruth(text: string): EvalCase[] {
  const cases: EvalCase[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    if (raw.trim()) cases.push(parseCase(raw, index + 1));
  }
  if (cases.length === 0) throw new KnowhowError('invalid_input', 'the file has no questions');
  return cases;
}

function parseCase(raw: string, line: number): EvalCase {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new KnowhowError('invalid_input', `line ${line}: not valid JSON`);
  }
  const parsed = caseSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'line';
    throw new KnowhowError(
      'invalid_input',
      `line ${line}: ${field}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const { question, sources, truth, not_found: offTopic = false } = parsed.data;
  if (offTopic) return { line, question, expected: [], offTopic };
  const expected: ExpectedSource[] = sources
    ? sources.map(({ source, page, section }) => ({
        source,
        page: page ?? null,
        section: section ?? null,
      }))
    : [...(truth ?? '').matchAll(citation)].map(([, source = '', page]) => ({
        source: source.trim(),
        page: Number(page),
        section: null,
      }));
  if (expected.length === 0) {
    throw new KnowhowError(
      'invalid_input',
      `line ${line}: needs "sources", a "truth" citing [file#page=N] or "not_found": true`,
    );
  }
  return { line, question, expected, offTopic };
}
