import { describe, expect, it } from '@jest/globals';
import { removeRunningLines } from './running-lines.js';

const page = (number: number, ...lines: string[]) => ({ number, text: lines.join('\n') });

describe('removeRunningLines', () => {
  it('removes a header and a two-line numbered footer that most pages repeat', () => {
    const texts = [
      'Vacation is 25 days.',
      'Sick leave needs a note.',
      'Travel by train.',
      'Gym: 50 EUR.',
    ];
    const pages = texts.map((text, index) =>
      page(
        index + 1,
        'Contoso Benefits Guide',
        text,
        'Internal use only',
        `Page ${index + 1} of 4`,
      ),
    );
    expect(removeRunningLines(pages).map((result) => result.text)).toEqual(texts);
  });

  it('keeps a heading that starts only some pages, and lines inside the page', () => {
    const pages = [
      page(1, 'Exceptions', 'Dental is not covered.', 'Confidential'),
      page(2, 'Tips', 'Ask first.', 'Confidential'),
      page(3, 'Exceptions', 'Vision is not covered.', 'Confidential'),
      page(4, 'Claims', 'File within 90 days.', 'Confidential'),
      page(5, 'Appeals', 'Write to us.', 'Confidential', 'Scan: 2026-12-02'),
      page(6, 'Contacts', 'Call us.', 'Confidential'),
    ];
    expect(removeRunningLines(pages).map((result) => result.text)).toEqual([
      'Exceptions\nDental is not covered.',
      'Tips\nAsk first.',
      'Exceptions\nVision is not covered.',
      'Claims\nFile within 90 days.',
      'Appeals\nWrite to us.\nConfidential\nScan: 2026-12-02',
      'Contacts\nCall us.',
    ]);
  });

  it('leaves documents of one or two pages as they are', () => {
    const pages = [page(1, 'Memo', 'One.'), page(2, 'Memo', 'Two.')];
    expect(removeRunningLines(pages)).toEqual(pages);
  });
});
