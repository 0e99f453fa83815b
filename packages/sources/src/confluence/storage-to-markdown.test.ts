import { describe, expect, it } from '@jest/globals';
import { storageToMarkdown } from './storage-to-markdown.js';

describe('Confluence storage format to markdown', () => {
  it('keeps headings, paragraphs and links', () => {
    expect(
      storageToMarkdown(
        '<h1>Setup</h1><p>Read <a href="https://example.com/a">the guide</a> first.</p><h2>Steps</h2><ul><li>one</li><li>two</li></ul>',
      ),
    ).toBe('# Setup\n\nRead [the guide](https://example.com/a) first.\n\n## Steps\n\n- one\n- two');
  });

  it('turns tables into GFM pipe tables', () => {
    expect(
      storageToMarkdown(
        '<table><tbody><tr><th>Plan</th><th>Days</th></tr><tr><td>Basic</td><td>25</td></tr></tbody></table>',
      ),
    ).toBe('| Plan | Days |\n| --- | --- |\n| Basic | 25  |');
  });

  it('turns code macros into fenced code with their language, text as is', () => {
    const storage =
      '<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">bash</ac:parameter><ac:plain-text-body><![CDATA[npm ci && echo "<ok>"\nnpm start]]></ac:plain-text-body></ac:structured-macro>';
    expect(storageToMarkdown(storage)).toBe('```bash\nnpm ci && echo "<ok>"\nnpm start\n```');
  });

  it('resolves links to other pages, and keeps the label of those it cannot', () => {
    const storage =
      '<p>See <ac:link><ri:page ri:content-title="Laptops" /><ac:plain-text-link-body><![CDATA[laptop rules]]></ac:plain-text-link-body></ac:link> and <ac:link><ri:page ri:content-title="Gone" /></ac:link>.</p>';
    const links = (title: string) =>
      title === 'Laptops' ? 'https://wiki/spaces/ENG/pages/7/Laptops' : undefined;
    expect(storageToMarkdown(storage, links)).toBe(
      'See [laptop rules](https://wiki/spaces/ENG/pages/7/Laptops) and Gone.',
    );
  });

  it('shows panels as quotes, task lists as check boxes, and drops what renders other content', () => {
    const storage =
      '<ac:structured-macro ac:name="toc" /><ac:structured-macro ac:name="info"><ac:parameter ac:name="title">Heads up</ac:parameter><ac:rich-text-body><p>VPN first.</p></ac:rich-text-body></ac:structured-macro>' +
      '<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Badge</ac:task-body></ac:task><ac:task><ac:task-status>incomplete</ac:task-status><ac:task-body>Laptop</ac:task-body></ac:task></ac:task-list>' +
      '<p>Smile <ac:emoticon ac:name="smile" /><ac:image><ri:attachment ri:filename="a.png" /></ac:image></p>';
    expect(storageToMarkdown(storage)).toBe(
      '> **Heads up**\n> \n> VPN first.\n\n- [x] Badge\n- [ ] Laptop\n\nSmile',
    );
  });
});
