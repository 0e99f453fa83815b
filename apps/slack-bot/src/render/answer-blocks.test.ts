import { describe, expect, it } from '@jest/globals';
import type { Citation, RenderedAnswer } from '@knowhow/rag-core';
import type { types } from '@slack/bolt';
import {
  feedbackActions,
  formatSource,
  progressText,
  renderAnswer,
  shareAction,
} from './answer-blocks.js';

const citation: Citation = {
  n: 1,
  title: 'Time off',
  source: 'time-off.md',
  collection: 'handbook',
  pageStart: null,
  pageEnd: null,
  heading: 'Time off > Parental leave',
  url: 'https://intranet.example/time-off',
  excerpt: 'Every parent…',
};

const answer: RenderedAnswer = {
  id: '00000000-0000-4000-8000-000000000000',
  status: 'answered',
  text: 'Parents get **16 weeks** [1].',
  citations: [citation],
  query: 'parental leave',
  collections: [],
};

/** Every mrkdwn text of a message's blocks. */
function texts(blocks: readonly types.KnownBlock[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type === 'section') return block.text ? [block.text.text] : [];
    if (block.type === 'context') return block.elements.map((e) => ('text' in e ? e.text : ''));
    return [];
  });
}

function actionIds(blocks: readonly types.KnownBlock[]): string[] {
  return blocks.flatMap((block) =>
    block.type === 'actions'
      ? block.elements.map((e) => ('action_id' in e ? (e.action_id ?? '') : ''))
      : [],
  );
}

describe('formatSource', () => {
  it('links a citation with an http(s) address', () => {
    expect(formatSource(citation)).toBe(
      '1. <https://intranet.example/time-off|Time off> · Time off &gt; Parental leave',
    );
  });

  it('names pages, or the source when there is no heading', () => {
    const paged = { ...citation, url: null, pageStart: 3, pageEnd: 4 };
    expect(formatSource(paged)).toBe('1. *Time off* · pp. 3–4');
    expect(formatSource({ ...paged, pageEnd: 3 })).toBe('1. *Time off* · p. 3');
    expect(formatSource({ ...paged, pageEnd: null })).toBe('1. *Time off* · p. 3');
    expect(formatSource({ ...citation, url: null, heading: null })).toBe(
      '1. *Time off* · time-off.md',
    );
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://a.example/x|<!here>',
    'https://a.example/<x>',
    'https://a.example/a b',
    'mailto:hr@fernhill.example',
  ])('does not link %s', (url) => {
    const formatted = formatSource({ ...citation, url });
    expect(formatted).toBe('1. *Time off* · Time off &gt; Parental leave');
  });

  it('keeps the title from breaking out of the link', () => {
    expect(formatSource({ ...citation, title: 'A|B <!here> @channel' })).toBe(
      '1. <https://intranet.example/time-off|A¦B &lt;!here&gt; @\u2060channel> · Time off &gt; Parental leave',
    );
  });
});

describe('renderAnswer', () => {
  it('renders an answer, then its sources, in one message', () => {
    const [message, ...rest] = renderAnswer(answer);
    expect(rest).toEqual([]);
    expect(message?.text).toBe('Parents get *16 weeks* [1].');
    expect(message && texts(message.blocks)).toEqual([
      'Parents get *16 weeks* [1].',
      `*Sources*\n${formatSource(citation)}`,
    ]);
    expect(message && actionIds(message.blocks)).toEqual([]);
  });

  it('keeps links from documents out of the fallback text and progress text', () => {
    const text = 'Fix it [here](https://evil.example/login) <https://evil.example|now> [1]';
    const [message] = renderAnswer({ ...answer, text });
    expect(message?.text).not.toMatch(/\]\(|<https?:/);
    expect(message?.text).toContain('here (https://evil.example/login)');
    expect(progressText(text)).not.toMatch(/\]\(|<https?:/);
  });

  it('escapes the fallback text', () => {
    const [message] = renderAnswer({ ...answer, text: '<!channel> & @here' });
    expect(message?.text).toBe('&lt;!channel&gt; &amp; @\u2060here');
  });

  it('labels excerpts and warns about an uncited answer', () => {
    const [excerpts] = renderAnswer({ ...answer, status: 'excerpts' });
    expect(excerpts?.blocks[0]?.type).toBe('context');
    expect(excerpts && texts(excerpts.blocks)[0]).toContain('No language model is configured');
    const [uncited] = renderAnswer({ ...answer, status: 'uncited', citations: [] });
    expect(uncited && texts(uncited.blocks)).toEqual([
      'Parents get *16 weeks* [1].',
      expect.stringMatching(/^:warning: This answer cites none of your documents/),
    ]);
  });

  it('says what was searched when nothing was found', () => {
    const [message] = renderAnswer({
      ...answer,
      status: 'not_found',
      text: '',
      citations: [],
      query: '<!here> leave',
      collections: ['hr'],
    });
    const expected =
      'I found nothing about "&lt;!here&gt; leave" in the knowledge base (searched collection hr). Try other words, or ask whoever maintains the documents to add this topic.';
    expect(message?.text).toBe(expected);
    expect(message && texts(message.blocks)).toEqual([expected]);
  });

  it('gives a failure its reason, and never buttons', () => {
    const failed = { ...answer, status: 'failed' as const, reason: 'llm_timeout' as const };
    const [message] = renderAnswer(failed, { feedback: true, share: true, sharedBy: 'U1' });
    expect(message && actionIds(message.blocks)).toEqual([]);
    expect(message?.text).toBe(
      ':warning: The language model took too long to answer. Please try again. (reason: llm_timeout)',
    );
    const [unknown] = renderAnswer({ ...failed, reason: undefined });
    expect(unknown?.text).toContain('(reason: llm_failed)');
  });

  it('adds buttons only when asked', () => {
    const button = (options: { feedback?: boolean; share?: boolean }) => {
      const [message] = renderAnswer(answer, options);
      return message ? actionIds(message.blocks) : [];
    };
    expect(button({})).toEqual([]);
    expect(button({ feedback: false, share: false })).toEqual([]);
    expect(button({ feedback: true })).toEqual([feedbackActions.up, feedbackActions.down]);
    expect(button({ feedback: true, share: true })).toEqual([
      feedbackActions.up,
      feedbackActions.down,
      shareAction,
    ]);
  });

  it('puts the answer id on the buttons, last in the message', () => {
    const [message] = renderAnswer(answer, { feedback: true });
    const last = message?.blocks.at(-1);
    expect(last?.type === 'actions' && last.elements.map((e) => 'value' in e && e.value)).toEqual([
      answer.id,
      answer.id,
    ]);
  });

  it('names who shared it first', () => {
    const [message] = renderAnswer(answer, { sharedBy: 'U0123' });
    expect(message && texts(message.blocks)[0]).toBe('Shared by <@U0123>');
    expect(message?.text).toBe('Parents get *16 weeks* [1].');
  });

  it('continues a long answer in more messages, each within 50 blocks and 11,000 characters', () => {
    const paragraph = `${'word '.repeat(560)}end`;
    const text = Array.from({ length: 60 }, () => paragraph).join('\n\n');
    const messages = renderAnswer({ ...answer, text }, { feedback: true });
    expect(messages.length).toBeGreaterThan(10);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      const sections = texts(message.blocks);
      for (const section of sections) expect(section.length).toBeLessThanOrEqual(3000);
      expect(sections.join('').length).toBeLessThanOrEqual(11_000);
    }
    expect(messages[0]?.text.length).toBe(3000);
    expect(messages.slice(1).map((message) => message.text)).toEqual(
      messages.slice(1).map(() => '…'),
    );
    const last = messages.at(-1)?.blocks ?? [];
    expect(last.at(-1)?.type).toBe('actions');
    expect(texts(last).at(-1)).toMatch(/^\*Sources\*/);
  });

  it('keeps an answer of many short paragraphs in one message', () => {
    const short = Array.from({ length: 120 }, (_, index) => `Line ${index}.`).join('\n\n');
    const messages = renderAnswer({ ...answer, text: short });
    expect(messages).toHaveLength(1);
    expect(texts(messages[0]?.blocks ?? []).join('\n')).toContain('Line 119.');
  });

  it('spreads many sources over sections of at most 3,000 characters', () => {
    const citations = Array.from({ length: 80 }, (_, index) => ({
      ...citation,
      n: index + 1,
      title: `A rather long document title, number ${index + 1}`,
    }));
    const [message] = renderAnswer({ ...answer, citations });
    const sections = message ? texts(message.blocks).slice(1) : [];
    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections) expect(section.length).toBeLessThanOrEqual(3000);
    expect(sections.join('\n').split('\n')).toHaveLength(81);
  });
});

describe('progressText', () => {
  it('shows the text so far in mrkdwn with an hourglass', () => {
    expect(progressText('Parents get **16')).toBe('Parents get **16 :hourglass_flowing_sand:');
    expect(progressText('**16 weeks** <!here>')).toBe(
      '*16 weeks* &lt;!here&gt; :hourglass_flowing_sand:',
    );
  });

  it('shows only the newest part of a long text', () => {
    const shown = progressText(`${'a'.repeat(5000)}THE END`);
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('THE END :hourglass_flowing_sand:')).toBe(true);
    expect(shown).toHaveLength(1 + 3900 + ' :hourglass_flowing_sand:'.length);
  });
});

describe('renderAnswer, buttons', () => {
  it('shows only the buttons asked for', () => {
    const [shareOnly] = renderAnswer(answer, { share: true });
    expect(actionIds(shareOnly?.blocks ?? [])).toEqual(['knowhow_share']);
    const [both] = renderAnswer(answer, { share: true, feedback: true });
    expect(actionIds(both?.blocks ?? [])).toEqual([
      'knowhow_feedback_up',
      'knowhow_feedback_down',
      'knowhow_share',
    ]);
    expect(actionIds(renderAnswer(answer)[0]?.blocks ?? [])).toEqual([]);
  });
});
