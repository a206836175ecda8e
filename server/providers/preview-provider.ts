import { sharp, toBuffer } from '../images/sharp.js';
import type { GeneratedImage, ImageProvider, ImageRequest } from './image-provider.js';
import { previewArtwork } from './preview-artwork.js';
import { previewRefinement } from './preview-refinement.js';

/** The model name recorded on jobs made offline, so nobody mistakes them for Gemini output. */
export const PREVIEW_MODEL = 'streamer-studio-preview';

const previewSvg = (request: ImageRequest) =>
  previewArtwork({ ...request.hints, aspectRatio: request.aspectRatio }).svg;

/**
 * The offline provider used when no Gemini key is configured: brand-coloured artwork drawn
 * locally, plainly labelled PREVIEW, on the key colour for transparent types so the
 * pipeline's background removal runs exactly as it does on model output. A refinement draws
 * the picture it was given with a ribbon naming the change.
 */
export class PreviewImageProvider implements ImageProvider {
  readonly name = 'preview';

  async generate(request: ImageRequest, options: { signal?: AbortSignal } = {}): Promise<GeneratedImage> {
    options.signal?.throwIfAborted();
    const [picture] = request.referenceImages;
    const data =
      request.hints.edit !== undefined && picture
        ? await previewRefinement({
            image: picture.data,
            instruction: request.hints.edit,
            palette: request.hints.palette,
            aspectRatio: request.aspectRatio,
          })
        : await toBuffer(sharp(Buffer.from(previewSvg(request))).png({ compressionLevel: 3 }));
    options.signal?.throwIfAborted();
    return { data, mimeType: 'image/png', model: PREVIEW_MODEL, usage: {} };
  }
}
