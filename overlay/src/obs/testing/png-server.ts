import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** Stands in for the server's public `/asset/:id?size=WxH`: a solid PNG per asset, served to OBS without auth. */
export interface PngServer {
  /** Serves `/asset/<assetId>` as a `size`×`size` PNG of `colour`. */
  add(assetId: string, colour: Rgb, size?: number): Promise<void>;
  /** The URL OBS is given, as `createStudioApi(…).publicFileUrl` builds it. */
  publicFileUrl(assetId: string, size: string): string;
  /** The paths asked for, in order. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/** Starts a PngServer on 127.0.0.1 at a free port. */
export async function startPngServer(): Promise<PngServer> {
  const pngs = new Map<string, Buffer>();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const id = /^\/asset\/([^/?]+)/.exec(request.url ?? '')?.[1];
    const png = id === undefined ? undefined : pngs.get(decodeURIComponent(id));
    if (!png) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length }).end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    async add(assetId, { r, g, b }, size = 112) {
      pngs.set(
        assetId,
        await sharp({ create: { width: size, height: size, channels: 4, background: { r, g, b, alpha: 1 } } })
          .png()
          .toBuffer(),
      );
    },
    publicFileUrl: (assetId, size) =>
      `http://127.0.0.1:${port}/asset/${encodeURIComponent(assetId)}?size=${size}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
