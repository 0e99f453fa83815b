import { describe, expect, it } from '@jest/globals';
import type { Citation, RenderedAnswer } from '@knowhow/rag-core';
import type { OutgoingActivity } from '../teams-activity.js';
import { formatSource, renderAnswer } from './answer-activities.js';

const citation: Citation = {
  n: 1,
  title: 'Time off',
  source: 'time-off.md',
  collection: 'handbook',
  pageStart: null,
  pageEnd: null,
  heading: 'Time off > Parental leave',
  url: 'https://intranet.example/time-off',
  excerpt: 'Every parent\n  gets sixteen weeks.',
};

const answer: RenderedAnswer = {
  id: '00000000-0000-4000-8000-000000000000',
  status: 'answered',
  text: 'Parents get **16 weeks** [1].',
  citations: [citation],
  query: 'parental leave',
  collections: [],
};

interface Claim {
  '@type': string;
  position: number;
  appearance: { name: string; abstract: string; keywords: string[]; url?: string };
}

/** The claims of a message's citation entity, if it has one. */
function claims(message: OutgoingActivity | undefined): Claim[] {
  return ((message?.entities?.[0]?.['citation'] as Claim[] | undefined) ?? []).slice();
}

describe('formatSource', () => {
  it('links a title to its http(s) address and names the heading', () => {
    expect(formatSource(citation)).toBe(
      '1. [Time off](https://intranet.example/time-off) · Time off &gt; Parental leave',
    );
  });

  it('names pages, or the source when there is no heading', () => {
    const paged = { ...citation, url: null, pageStart: 3, pageEnd: 4 };
    expect(formatSource(paged)).toBe('1. **Time off** · pp. 3–4');
    expect(formatSource({ ...paged, pageEnd: 3 })).toBe('1. **Time off** · p. 3');
    expect(formatSource({ ...paged, pageEnd: null })).toBe('1. **Time off** · p. 3');
    expect(formatSource({ ...citation, heading: null, url: null })).toBe(
      '1. **Time off** · time-off.md',
    );
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'mailto:hr@example.com',
    'https://a.example/a b',
    'https://a.example/<x>',
    'https://a.example/x)evil',
  ])('does not link %s', (url) => {
    expect(formatSource({ ...citation, url })).toBe(
      '1. **Time off** · Time off &gt; Parental leave',
    );
  });

  it('escapes brackets and tags in titles and headings', () => {
    const title = 'Guide [draft] <at>Ann</at>';
    expect(formatSource({ ...citation, title })).toBe(
      '1. [Guide \\[draft\\] &lt;at&gt;Ann&lt;/at&gt;](https://intranet.example/time-off) · Time off &gt; Parental leave',
    );
    expect(formatSource({ ...citation, title, url: null, heading: '<b>x</b> [2]' })).toBe(
      '1. **Guide \\[draft\\] &lt;at&gt;Ann&lt;/at&gt;** · &lt;b&gt;x&lt;/b&gt; \\[2\\]',
    );
  });
});

describe('citation cards', () => {
  it('carry plain text: no tags, mentions, Markdown or links from documents', () => {
    const hostile = {
      ...citation,
      title: '<b>Menu</b> [click](https://evil.example)',
      excerpt:
        'Lunch on Friday <at>Everyone</at> <at id="0">General</at> <a href="https://evil.example/menu">menu</a> **now** see https://evil.example/x',
      heading: '<at>Boss</at> > Lunch',
    };
    const [message] = renderAnswer({ ...answer, citations: [hostile] }, { feedback: false });
    const [claim] = claims(message);
    const card = JSON.stringify({ ...claim?.appearance, url: undefined });
    expect(card).not.toMatch(/<|\*\*|\]\(|https?:|evil/);
    expect(claim?.appearance.abstract).toBe('Lunch on Friday Everyone General menu now see');
    expect(claim?.appearance.name).toBe('Menu click');
  });
});

describe('renderAnswer', () => {
  it('renders an answer and its sources as one Markdown message with citations', () => {
    const messages = renderAnswer(answer, { feedback: false });
    expect(messages).toEqual([
      {
        type: 'message',
        textFormat: 'markdown',
        text: `Parents get **16 weeks** [1].\n\n**Sources**\n\n${formatSource(citation)}`,
        entities: [
          {
            type: 'https://schema.org/Message',
            '@type': 'Message',
            '@context': 'https://schema.org',
            '@id': '',
            additionalType: ['AIGeneratedContent'],
            citation: [
              {
                '@type': 'Claim',
                position: 1,
                appearance: {
                  '@type': 'DigitalDocument',
                  name: 'Time off',
                  abstract: 'Every parent gets sixteen weeks.',
                  keywords: ['Time off > Parental leave'],
                  url: 'https://intranet.example/time-off',
                },
              },
            ],
          },
        ],
      },
    ]);
  });

  it('clips citation cards to what Teams shows, and links only http(s) addresses', () => {
    const long = {
      ...citation,
      title: 'T'.repeat(100),
      excerpt: 'word '.repeat(100),
      heading: 'H'.repeat(40),
      url: 'javascript:alert(1)',
    };
    const [claim] = claims(renderAnswer({ ...answer, citations: [long] }, { feedback: false })[0]);
    expect(claim?.appearance.name).toBe(`${'T'.repeat(79)}…`);
    expect(claim?.appearance.abstract).toHaveLength(160);
    expect(claim?.appearance.abstract.endsWith('…')).toBe(true);
    expect(claim?.appearance.keywords).toEqual([`${'H'.repeat(27)}…`]);
    expect(claim?.appearance).not.toHaveProperty('url');
    const paged = { ...citation, pageStart: 7, pageEnd: 9 };
    const [pagedClaim] = claims(
      renderAnswer({ ...answer, citations: [paged] }, { feedback: false })[0],
    );
    expect(pagedClaim?.appearance.keywords).toEqual(['pp. 7–9']);
  });

  it('cites only the sources the text shows', () => {
    const second = { ...citation, n: 2, title: 'Benefits' };
    const [message] = renderAnswer(
      { ...answer, citations: [citation, second] },
      { feedback: false },
    );
    expect(claims(message).map((claim) => claim.position)).toEqual([1]);
    expect(message?.text).toContain(formatSource(second));
    const [bracketed] = renderAnswer(
      { ...answer, citations: [{ ...citation, url: null, title: 'Policy [2] draft' }, second] },
      { feedback: false },
    );
    expect(claims(bracketed).map((claim) => claim.position)).toEqual([1]);
  });

  it('escapes the answer text and makes its links plain', () => {
    const text = '<at>Everyone</at> see [this](https://evil.example) <script>x</script> [1]';
    const [message] = renderAnswer({ ...answer, text }, { feedback: false });
    expect(message?.text).toMatch(
      /^&lt;at&gt;Everyone&lt;\/at&gt; see this \(https:\/\/evil\.example\) &lt;script&gt;/,
    );
  });

  it('labels excerpts, which are not generated content', () => {
    const [message] = renderAnswer({ ...answer, status: 'excerpts' }, { feedback: false });
    expect(message?.text).toMatch(/^_No language model is configured, so here are/);
    expect(claims(message)).toHaveLength(1);
    expect(message?.entities?.[0]).not.toHaveProperty('additionalType');
  });

  it('warns that an uncited answer may not be grounded', () => {
    const [message] = renderAnswer(
      { ...answer, status: 'uncited', text: 'Maybe 12 weeks.', citations: [] },
      { feedback: false },
    );
    expect(message?.text).toBe(
      'Maybe 12 weeks.\n\n⚠️ _This answer cites none of your documents, so it may not be grounded in them. Check before relying on it._',
    );
    // The model wrote it: labelled as AI-generated, with no citations to show.
    expect(message?.entities).toEqual([
      {
        type: 'https://schema.org/Message',
        '@type': 'Message',
        '@context': 'https://schema.org',
        '@id': '',
        additionalType: ['AIGeneratedContent'],
      },
    ]);
    const [cited] = renderAnswer({ ...answer, status: 'uncited' }, { feedback: false });
    expect(cited?.entities?.[0]?.['additionalType']).toEqual(['AIGeneratedContent']);
  });

  it('says what was searched when nothing was found, escaped', () => {
    const notFound = {
      ...answer,
      status: 'not_found' as const,
      text: '',
      citations: [],
      query: '<at>Ann</at> leave',
      collections: ['hr', 'it'],
    };
    const [message, ...rest] = renderAnswer(notFound, { feedback: true });
    expect(rest).toEqual([]);
    expect(message?.text).toBe(
      'I found nothing about "&lt;at&gt;Ann&lt;/at&gt; leave" in the knowledge base (searched collections hr, it). Try other words, or ask whoever maintains the documents to add this topic.',
    );
    expect(message?.channelData).toEqual({ feedbackLoopEnabled: true });
  });

  it('gives a failure its reason and never the feedback loop', () => {
    const failed = { ...answer, status: 'failed' as const, reason: 'llm_timeout' as const };
    const [message] = renderAnswer(failed, { feedback: true });
    expect(message?.text).toBe(
      '⚠️ The language model took too long to answer. Please try again. (reason: llm_timeout)',
    );
    expect(message).not.toHaveProperty('channelData');
    expect(message).not.toHaveProperty('entities');
    const [unknown] = renderAnswer({ ...failed, reason: undefined }, { feedback: false });
    expect(unknown?.text).toContain('(reason: llm_failed)');
  });

  it('enables the feedback loop only when asked', () => {
    expect(renderAnswer(answer, { feedback: true })[0]?.channelData).toEqual({
      feedbackLoopEnabled: true,
    });
    expect(renderAnswer(answer, { feedback: false })[0]).not.toHaveProperty('channelData');
  });

  it('continues a long answer in parts, each with the citations it shows', () => {
    const paragraph = (n: number) => `${'word '.repeat(560)}[${n}].`;
    const text = [1, 1, 1, 2, 2, 2, 3, 3].map(paragraph).join('\n\n');
    const citations = [1, 2, 3, 4].map((n) => ({ ...citation, n, title: `Doc ${n}` }));
    const messages = renderAnswer({ ...answer, text, citations }, { feedback: true });
    expect(messages.length).toBeGreaterThan(2);
    expect(claims(messages[0]).map((claim) => claim.position)).toEqual([1]);
    // Rated once: the buttons close the answer.
    expect(messages.map((message) => message.channelData)).toEqual(
      messages.map((_, index) =>
        index === messages.length - 1 ? { feedbackLoopEnabled: true } : undefined,
      ),
    );
    for (const message of messages) {
      expect(message.text?.length).toBeLessThanOrEqual(6000);
      const shown = [...(message.text ?? '').matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
      expect(claims(message).map((claim) => claim.position)).toEqual([...new Set(shown)]);
      expect(message.entities?.[0]?.['additionalType']).toEqual(['AIGeneratedContent']);
    }
    expect(messages.map((message) => message.text).join('\n\n')).toContain(paragraph(3));
    const withSources = messages.filter((message) => message.text?.includes('**Sources**'));
    expect(withSources).toEqual([messages.at(-1)]);
    expect(messages.at(-1)?.text).toContain(formatSource(citations[3] ?? citation));
  });
});
