import type { ImageRequest } from '../providers/image-provider.js';
import type { RenderedPrompt } from './render-prompt.js';

/** The provider request for a rendered prompt. */
export function toImageRequest(rendered: RenderedPrompt): ImageRequest {
  return {
    prompt: rendered.text,
    aspectRatio: rendered.aspectRatio,
    referenceImages: rendered.referenceImages,
    hints: {
      subject: rendered.subject,
      palette: rendered.palette,
      label: rendered.label,
      ...(rendered.keyColor ? { keyColor: rendered.keyColor } : {}),
      ...(rendered.edit ? { edit: rendered.subject } : {}),
    },
  };
}
