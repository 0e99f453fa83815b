import { describe, expect, it } from '@jest/globals';
import { fromTeamsText } from './from-teams-text.js';

describe('fromTeamsText', () => {
  it('keeps plain text as it is', () => {
    expect(fromTeamsText('How much parental leave do we get?')).toBe(
      'How much parental leave do we get?',
    );
  });

  it("turns other people's mentions into their names", () => {
    expect(fromTeamsText('Ask <at>Ann Lee</at> or <at id="1">Bo</at>')).toBe('Ask @Ann Lee or @Bo');
    expect(fromTeamsText('<AT>Ann</AT> knows')).toBe('@Ann knows');
  });

  it('removes stray tags and keeps their text', () => {
    expect(fromTeamsText('<p>What is <b>the</b> <span style="x">policy</span>?</p>')).toBe(
      'What is the policy?',
    );
    expect(fromTeamsText('<div><i>leave</i></div>')).toBe('leave');
  });

  it('turns line breaks into newlines', () => {
    expect(fromTeamsText('one<br>two<br/>three<br />four<BR>five')).toBe(
      'one\ntwo\nthree\nfour\nfive',
    );
  });

  it('decodes entities once', () => {
    expect(fromTeamsText('a &lt;b&gt; &quot;c&quot; &#39;d&#39; &amp; e')).toBe(
      'a <b> "c" \'d\' & e',
    );
    expect(fromTeamsText('&amp;lt;')).toBe('&lt;');
  });

  it('keeps tags written as text, once decoded', () => {
    expect(fromTeamsText('What does &lt;at&gt; mean?')).toBe('What does <at> mean?');
  });

  it('leaves unknown entities as they are', () => {
    expect(fromTeamsText('caf&eacute; &#169; &copy;')).toBe('caf&eacute; &#169; &copy;');
  });

  it('collapses runs of spaces, tabs and non-breaking spaces', () => {
    expect(fromTeamsText('a  b\t\tc&nbsp;&nbsp;d \u00a0 e')).toBe('a b c d e');
    expect(fromTeamsText('a&nbsp;b')).toBe('a b');
  });

  it('keeps newlines and trims the ends', () => {
    expect(fromTeamsText('  first line\nsecond line  ')).toBe('first line\nsecond line');
    expect(fromTeamsText('<br>question<br>')).toBe('question');
  });

  it('leaves nothing of a message of tags and spaces', () => {
    expect(fromTeamsText('<p>&nbsp;</p>')).toBe('');
    expect(fromTeamsText('')).toBe('');
  });
});

describe('fromTeamsText, HTML paragraphs', () => {
  it('keeps paragraphs and list items apart', () => {
    expect(fromTeamsText('<p>Hello</p><p>World</p>')).toBe('Hello\nWorld');
    expect(fromTeamsText('<div>one</div><div>two</div>')).toBe('one\ntwo');
  });
});
