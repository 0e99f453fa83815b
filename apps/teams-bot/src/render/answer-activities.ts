import type { Citation, RenderedAnswer } from '@knowhow/rag-core';
import { answerLayout, describeLocation, splitText } from '@knowhow/rag-core';
import type { OutgoingActivity } from '../teams-activity.js';
import { escapeLinkLabel, escapeTeams, toTeamsMarkdown } from './teams-markdown.js';

// Teams refuses messages over about 28 KB (text, entities and all): 6,000 characters of text
// stay under it even in three-byte scripts, with room for the citations.
const maxPartCharacters = 6000;
// Teams' citation cards: a title of up to 80 characters, an abstract of 160, keywords of 28.
const limits = { name: 80, abstract: 160, keyword: 28 };

// By code points, so an emoji is never cut in half.
const clip = (text: string, length: number) => {
  const characters = Array.from(text);
  return characters.length > length ? `${characters.slice(0, length - 1).join('')}…` : text;
};

/**
 * Document text for a citation card, which Teams shows as it is: plain words, without tags
 * (`<at>`, `<a href>`), Markdown links or emphasis, or addresses that could be clicked.
 */
export function plainCardText(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\b(?:https?|ftp|mailto|file|javascript):\S*/gi, '')
    .replace(/[<*_`#~|[\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const safeUrl = (url: string | null) =>
  url && /^https?:\/\/[^\s<>()]+$/.test(url) ? url : undefined;

/** `1. [Title](https://…) · p. 7`: a title is linked only to its own http(s) address. */
export function formatSource(citation: Citation): string {
  const url = safeUrl(citation.url);
  const title = url
    ? `[${escapeLinkLabel(citation.title)}](${url})`
    : `**${escapeLinkLabel(citation.title)}**`;
  // A "[2]" in a title or heading must not read as citation 2.
  return `${citation.n}. ${title} · ${escapeLinkLabel(describeLocation(citation) ?? citation.source)}`;
}

/**
 * The schema.org Message entity: `citation` claims make each `[n]` a Teams citation with title
 * and excerpt; `AIGeneratedContent` labels what the model wrote (excerpts are quotes).
 */
function messageEntity(
  citations: readonly Citation[],
  generated: boolean,
): Record<string, unknown> {
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    ...(generated ? { additionalType: ['AIGeneratedContent'] } : {}),
    ...(citations.length > 0
      ? {
          citation: citations.map((citation) => {
            const url = safeUrl(citation.url);
            return {
              '@type': 'Claim',
              position: citation.n,
              appearance: {
                '@type': 'DigitalDocument',
                name: clip(plainCardText(citation.title), limits.name),
                abstract: clip(plainCardText(citation.excerpt), limits.abstract),
                keywords: [
                  clip(
                    plainCardText(describeLocation(citation) ?? citation.source),
                    limits.keyword,
                  ),
                ],
                ...(url ? { url } : {}),
              },
            };
          }),
        }
      : {}),
  };
}

function bodyText(answer: RenderedAnswer): string {
  const { label, markdown, notice, failure, caution, sources } = answerLayout(answer);
  if (notice) return escapeTeams(notice);
  if (failure) return `⚠️ ${escapeTeams(failure)}`;
  return [
    ...(label ? [`_${escapeTeams(label)}_`] : []),
    toTeamsMarkdown(markdown ?? ''),
    ...(caution ? [`⚠️ _${escapeTeams(caution)}_`] : []),
    ...(sources.length > 0 ? [['**Sources**', ...sources.map(formatSource)].join('\n\n')] : []),
  ].join('\n\n');
}

/**
 * An answer as Teams messages: usually one; a very long one continues in more. Each part
 * carries the citations of the `[n]` it shows, and the AI label if the model wrote it; the
 * feedback buttons (Teams' feedback loop) go on the last part, which closes the answer.
 */
export function renderAnswer(
  answer: RenderedAnswer,
  options: { feedback: boolean },
): OutgoingActivity[] {
  const generated = answer.status === 'answered' || answer.status === 'uncited';
  const parts = splitText(bodyText(answer), maxPartCharacters);
  return parts.map((text, index) => {
    const shown = new Set([...text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])));
    const cited = answer.citations.filter((citation) => shown.has(citation.n));
    const last = index === parts.length - 1;
    return {
      type: 'message',
      textFormat: 'markdown',
      text,
      ...(cited.length > 0 || generated ? { entities: [messageEntity(cited, generated)] } : {}),
      ...(last && options.feedback && answer.status !== 'failed'
        ? { channelData: { feedbackLoopEnabled: true } }
        : {}),
    };
  });
}
