import { describe, expect, it } from '@jest/globals';
import { fromSlackText } from './from-slack-text.js';

const bot = 'UKNOWHOW';

describe('fromSlackText', () => {
  it("strips the bot's own mention and the space around it", () => {
    expect(fromSlackText('<@UKNOWHOW> how much parental leave?', bot)).toBe(
      'how much parental leave?',
    );
    expect(fromSlackText('so   <@UKNOWHOW>   what now', bot)).toBe('so what now');
    expect(fromSlackText('<@UKNOWHOW|knowhow>', bot)).toBe('');
  });

  it('names other users by label, or by id without one', () => {
    expect(fromSlackText('ask <@U0123> or <@W0456|dana>', bot)).toBe('ask @U0123 or @dana');
  });

  it('keeps the mention when the bot is not known', () => {
    expect(fromSlackText('<@UKNOWHOW> hi')).toBe('@UKNOWHOW hi');
  });

  it('names channels by label, or by id without one', () => {
    expect(fromSlackText('see <#C0123|general> and <#C0456>', bot)).toBe('see #general and #C0456');
  });

  it('reduces user groups, broadcasts and dates to their words', () => {
    expect(fromSlackText('<!subteam^S01|@devs> <!subteam^S02>', bot)).toBe('@devs @group');
    expect(fromSlackText('<!here> <!channel> <!everyone|everyone>', bot)).toBe(
      '@here @channel @everyone',
    );
    expect(fromSlackText('due <!date^1392734382^{date_short}|Feb 18, 2014>', bot)).toBe(
      'due Feb 18, 2014',
    );
  });

  it('shows links as their label and address', () => {
    expect(fromSlackText('read <https://intranet.example/hb|the handbook>', bot)).toBe(
      'read the handbook (https://intranet.example/hb)',
    );
    expect(fromSlackText('<https://intranet.example/hb|https://intranet.example/hb>', bot)).toBe(
      'https://intranet.example/hb',
    );
    expect(fromSlackText('see <https://intranet.example/hb>', bot)).toBe(
      'see https://intranet.example/hb',
    );
  });

  it('shows e-mail links as the address', () => {
    expect(fromSlackText('mail <mailto:hr@fernhill.example|hr@fernhill.example>', bot)).toBe(
      'mail hr@fernhill.example',
    );
    expect(fromSlackText('mail <mailto:hr@fernhill.example>', bot)).toBe(
      'mail hr@fernhill.example',
    );
  });

  it('decodes entities once, ampersand last', () => {
    expect(fromSlackText('a &lt; b &amp;&amp; c &gt; d', bot)).toBe('a < b && c > d');
    expect(fromSlackText('literally &amp;lt;', bot)).toBe('literally &lt;');
  });

  it('does not turn decoded text into markup', () => {
    expect(fromSlackText('&lt;@UKNOWHOW&gt; said hi', bot)).toBe('<@UKNOWHOW> said hi');
  });

  it('removes word joiners and trims', () => {
    expect(fromSlackText('  @\u2060here is  it \n', bot)).toBe('@here is it');
  });

  it('keeps line breaks', () => {
    expect(fromSlackText('<@UKNOWHOW> first\nsecond', bot)).toBe('first\nsecond');
  });
});

describe('fromSlackText, labels', () => {
  it('keeps the id of a mention with an empty label, and the address of a labelled mailto', () => {
    expect(fromSlackText('see <#C0123|> and <@U1|>', bot)).toBe('see #C0123 and @U1');
    expect(fromSlackText('write <mailto:a@b.c|Ann>', bot)).toBe('write Ann (a@b.c)');
    expect(fromSlackText('call <tel:+441234|the desk>', bot)).toBe('call the desk (+441234)');
  });
});
