import type { Locator } from 'playwright-core';

/** For each `<img>` in `scope`: whether it has loaded a picture (a broken or pending one has not). */
export const imagesLoaded = (scope: Locator): Promise<boolean[]> =>
  scope
    .locator('img')
    .evaluateAll((images) =>
      (images as HTMLImageElement[]).map((image) => image.complete && image.naturalWidth > 0),
    );

/** Each `<img>`'s file size in `scope`, as `WxH`: which of an asset's sizes it really shows. */
export const naturalSizes = (scope: Locator): Promise<string[]> =>
  scope
    .locator('img')
    .evaluateAll((images) =>
      (images as HTMLImageElement[]).map((image) => `${image.naturalWidth}x${image.naturalHeight}`),
    );
