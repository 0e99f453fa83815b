import { describe, expect, it } from '@jest/globals';
import { describeLocation } from './describe-location.js';

describe('describeLocation', () => {
  it('names a page, a page range or the heading path', () => {
    expect(describeLocation({ pageStart: 7, pageEnd: 7, heading: null })).toBe('p. 7');
    expect(describeLocation({ pageStart: 7, pageEnd: 8, heading: null })).toBe('pp. 7–8');
    expect(describeLocation({ pageStart: 7, pageEnd: null, heading: 'Leave' })).toBe('p. 7');
    expect(describeLocation({ pageStart: null, pageEnd: null, heading: 'Leave > Vacation' })).toBe(
      'Leave > Vacation',
    );
    expect(describeLocation({ pageStart: null, pageEnd: null, heading: null })).toBeNull();
  });
});
