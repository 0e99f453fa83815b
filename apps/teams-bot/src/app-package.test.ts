import { describe, expect, it } from '@jest/globals';
import { strFromU8, unzipSync } from 'fflate';
import { buildAppPackage } from './app-package.js';

const botId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect([...bytes.slice(1, 4)].map((byte) => String.fromCharCode(byte)).join('')).toBe('PNG');
  return [view.getUint32(16), view.getUint32(20)];
}

describe('buildAppPackage', () => {
  it('zips the manifest with the bot filled in, and the two icons Teams asks for', async () => {
    const { zip } = await buildAppPackage({
      botId,
      version: '1.2.3',
      websiteUrl: 'https://intranet.example.com/knowhow',
    });
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as {
      name: { short: string };
      description: { short: string; full: string };
    };
    expect(manifest).toMatchObject({
      manifestVersion: '1.17',
      version: '1.2.3',
      id: botId,
      developer: {
        websiteUrl: 'https://intranet.example.com/knowhow',
        privacyUrl: 'https://intranet.example.com/knowhow',
      },
      icons: { color: 'color.png', outline: 'outline.png' },
      bots: [{ botId, scopes: ['personal', 'team', 'groupChat'], isNotificationOnly: false }],
    });
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest['description'].short.length).toBeLessThanOrEqual(80);
    expect(manifest['description'].full.length).toBeLessThanOrEqual(4000);
    expect(manifest['name'].short.length).toBeLessThanOrEqual(30);
    expect(pngSize(files['color.png']!)).toEqual([192, 192]);
    expect(pngSize(files['outline.png']!)).toEqual([32, 32]);
  });

  it('refuses values Teams would refuse, saying which', async () => {
    await expect(buildAppPackage({ botId: 'knowhow-bot' })).rejects.toThrow(
      'the bot id must be a GUID',
    );
    await expect(buildAppPackage({ botId, version: 'one' })).rejects.toThrow(
      'the version must look like 1.0.0',
    );
    await expect(buildAppPackage({ botId, websiteUrl: 'http://plain.example' })).rejects.toThrow(
      'https://',
    );
  });
});
