import { describe, expect, it } from 'vitest';
import { slotInputSettings, slotPicture } from './slot-input-settings.js';
import { publicAsset } from './testing/public-asset.js';

const publicFileUrl = (assetId: string, size: string) => `http://studio.test/asset/${assetId}?size=${size}`;

describe('slotPicture', () => {
  it("is the asset's largest file at its public URL, whatever order the files come in", () => {
    const asset = publicAsset('a1');
    const shuffled = { ...asset, files: [asset.files[1]!, asset.files[0]!, asset.files[2]!] };
    const expected = { url: 'http://studio.test/asset/a1?size=112x112', width: 112, height: 112 };
    expect(slotPicture(asset, publicFileUrl)).toEqual(expected);
    expect(slotPicture(shuffled, publicFileUrl)).toEqual(expected);
  });

  it('picks by area, so a wide panel beats a taller but smaller file', () => {
    const asset = publicAsset('p1', {
      files: [
        { width: 320, height: 100, bytes: 1, contentType: 'image/png', url: '' },
        { width: 200, height: 150, bytes: 1, contentType: 'image/png', url: '' },
      ],
    });
    expect(slotPicture(asset, publicFileUrl)?.url).toBe('http://studio.test/asset/p1?size=320x100');
  });

  it('is nothing for an asset without files', () => {
    expect(slotPicture(publicAsset('e1', { files: [] }), publicFileUrl)).toBeNull();
  });
});

describe('slotInputSettings', () => {
  const picture = { url: 'http://studio.test/asset/a1?size=112x112', width: 112, height: 112 };

  it("gives an image source the public URL as its file, and '' to show nothing", () => {
    expect(slotInputSettings('image_source', picture)).toEqual({ file: picture.url });
    expect(slotInputSettings('image_source', null)).toEqual({ file: '' });
  });

  it('gives a browser source the URL at the picture’s size on a transparent page, and a blank page to show nothing', () => {
    const settings = slotInputSettings('browser_source', picture);
    expect(settings).toMatchObject({ url: picture.url, width: 112, height: 112 });
    expect(settings.css).toMatch(/background: rgba\(0, 0, 0, 0\) !important/);
    expect(slotInputSettings('browser_source', null)).toEqual({ url: 'about:blank' });
  });
});
