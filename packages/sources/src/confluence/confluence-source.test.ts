import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ListingEnd, Source, SourceChange, SourceItem } from '@knowhow/rag-core';
import { FakeConfluence } from '../testing/index.js';
import { confluenceSettings } from './confluence-settings.js';
import { confluenceSource } from './confluence-source.js';

async function listAll(source: Source, known = new Map()) {
  const changes: SourceChange[] = [];
  const listing = source.list({ cursor: undefined, known, signal: new AbortController().signal });
  let end: ListingEnd | undefined;
  for (;;) {
    const next = await listing.next();
    if (next.done) {
      end = next.value;
      break;
    }
    changes.push(next.value);
  }
  const items = changes.flatMap((change) => (change.type === 'item' ? [change.item] : []));
  return { items, end };
}

describe.each(['cloud', 'data-center'] as const)('the confluence source (%s)', (deployment) => {
  let fake: FakeConfluence;
  let laptops: string;
  let setup: string;
  const open = (overrides: Record<string, unknown> = {}) =>
    confluenceSource.create(
      confluenceSettings.parse({
        url: deployment === 'cloud' ? fake.cloudUrl : fake.dataCenterUrl,
        spaces: ['ENG'],
        token: fake.credentials.token,
        ...(deployment === 'cloud' ? { email: fake.credentials.email } : {}),
        ...overrides,
      }),
      { name: 'wiki' },
    );

  beforeAll(async () => {
    fake = await FakeConfluence.start();
    fake.pageSize = 2;
    fake.addSpace('ENG', 'Engineering');
    const onboarding = fake.addPage('ENG', 'Onboarding', '<p>Start here.</p>');
    laptops = fake.addPage(
      'ENG',
      'Laptops',
      '<h2>Setup</h2><p>See <ac:link><ri:page ri:content-title="Onboarding" /></ac:link>.</p>',
      onboarding,
    );
    setup = fake.addPage('ENG', 'Setup', '<p>Install.</p>', laptops);
    const page = fake.pages.get(laptops);
    if (page) page.readGroups = ['engineering'];
  });
  afterAll(() => fake.close());

  it('lists every page of the space through the pagination, with its title path and web link', async () => {
    const { items, end } = await listAll(open());
    expect(end).toEqual({ complete: true });
    expect(items.map((item) => item.title)).toEqual([
      'Engineering Home',
      'Onboarding',
      'Onboarding / Laptops',
      'Onboarding / Laptops / Setup',
    ]);
    const laptopItem = items.find((item) => item.id === laptops);
    expect(laptopItem).toMatchObject({
      path: 'ENG/Onboarding/Laptops',
      url:
        deployment === 'cloud'
          ? `${fake.cloudUrl}/spaces/ENG/pages/${laptops}/Laptops`
          : `${fake.dataCenterUrl}/display/ENG/Laptops`,
    });
    expect(laptopItem?.url).not.toContain('/api/');
  });

  it('fetches a page as markdown under its title, with links resolved and read restrictions', async () => {
    const source = open();
    const { items } = await listAll(source);
    const item = items.find((candidate) => candidate.id === laptops) as SourceItem;
    const content = await source.fetch(item, new AbortController().signal);
    expect(new TextDecoder().decode(content.bytes)).toBe(
      `# Laptops\n\n## Setup\n\nSee [Onboarding](${items[1]?.url}).\n`,
    );
    expect(content.permissions).toMatchObject({
      space: 'ENG',
      read: { users: [], groups: ['engineering'] },
    });
  });

  it('changes the version of a page that moved, though Confluence kept its number', async () => {
    const before = (await listAll(open())).items.find((item) => item.id === setup)?.version;
    const home = fake.spaces.get('ENG')?.homepageId ?? '';
    fake.move(setup, home);
    const after = (await listAll(open())).items.find((item) => item.id === setup);
    expect(after?.title).toBe('Setup');
    expect(after?.version).not.toBe(before);
    fake.move(setup, laptops);
  });

  it('waits out a 429 and carries on', async () => {
    fake.service.throttle(3, '0');
    try {
      expect((await listAll(open())).items).toHaveLength(4);
    } finally {
      fake.service.throttle(0);
    }
  });

  it('says what to fix when the credentials are refused, without the token', async () => {
    const error = await listAll(open({ token: 'wrong-token' })).catch(
      (failure: unknown) => failure as Error,
    );
    expect((error as Error).message).toMatch(
      /^Confluence answered 401 Unauthorized.*Check email and token in knowhow\.yaml/,
    );
    expect((error as Error).message).not.toContain('wrong-token');
  });

  it('names a space that does not exist', async () => {
    const error = await listAll(open({ spaces: ['ENG', 'NOPE'] })).catch(
      (failure: unknown) => failure as Error,
    );
    expect((error as Error).message).toContain('Confluence has no space NOPE');
  });
});
