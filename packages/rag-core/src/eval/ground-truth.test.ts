import { describe, expect, it } from '@jest/globals';
import { parseGroundTruth } from './ground-truth.js';

describe('parseGroundTruth', () => {
  it('reads the contoso format: citations in the truth text', () => {
    const [evalCase] = parseGroundTruth(
      '{"question": "What about balance billing?", "truth": "It protects you. [Northwind_Standard_Benefits_Details.pdf#page=7][Benefit_Options.pdf#page=2]"}\n',
    );
    expect(evalCase).toEqual({
      line: 1,
      question: 'What about balance billing?',
      expected: [
        { source: 'Northwind_Standard_Benefits_Details.pdf', page: 7, section: null },
        { source: 'Benefit_Options.pdf', page: 2, section: null },
      ],
      offTopic: false,
    });
  });

  it('reads explicit sources with optional pages and skips blank lines', () => {
    const cases = parseGroundTruth(
      '{"question": "Vacation?", "sources": [{"source": "hr/leave.md"}]}\n\n{"question": "Dental?", "sources": [{"source": "plan.pdf", "page": 3}]}',
    );
    expect(cases.map((evalCase) => [evalCase.line, evalCase.expected])).toEqual([
      [1, [{ source: 'hr/leave.md', page: null, section: null }]],
      [3, [{ source: 'plan.pdf', page: 3, section: null }]],
    ]);
  });

  it('reads expected sections and off-topic questions', () => {
    const cases = parseGroundTruth(
      '{"question": "Jury duty?", "sources": [{"source": "leave.md", "section": "Court leave"}]}\n{"question": "Capital of Peru?", "not_found": true}',
    );
    expect(cases.map((evalCase) => [evalCase.expected, evalCase.offTopic])).toEqual([
      [[{ source: 'leave.md', page: null, section: 'Court leave' }], false],
      [[], true],
    ]);
  });

  it.each([
    ['not json', 'line 1: not valid JSON'],
    ['{"truth": "x [a.pdf#page=1]"}', 'line 1: question:'],
    [
      '{"question": "q", "truth": "no citation"}',
      'line 1: needs "sources", a "truth" citing [file#page=N] or "not_found": true',
    ],
    ['{"question": "q", "sources": [{"source": "a.pdf", "page": 0}]}', 'line 1: sources.0.page:'],
  ])('rejects %s with the line and field', (line, message) => {
    expect(() => parseGroundTruth(line)).toThrow(message);
  });

  it('rejects a file without questions', () => {
    expect(() => parseGroundTruth('\n\n')).toThrow('the file has no questions');
  });
});
