import { type GenerateContentParameters, Modality } from '@google/genai';
import type { ImageRequest } from '../image-provider.js';

export interface GeminiCallOptions {
  readonly model: string;
  /** Aborts the one HTTP request of this attempt (the caller's cancel or our timeout). */
  readonly signal: AbortSignal;
  /** The fetch the SDK uses for this request; lets the provider read headers `ApiError` drops. */
  readonly fetch: typeof fetch;
}

/**
 * The `generateContent` call for one image: the prompt text, then each reference image (the
 * brand logo) as an `inlineData` part; image-only output at the catalogue's aspect ratio.
 */
export function toGenerateContentParameters(
  request: ImageRequest,
  options: GeminiCallOptions,
): GenerateContentParameters {
  return {
    model: options.model,
    contents: [
      {
        role: 'user',
        parts: [
          { text: request.prompt },
          ...request.referenceImages.map((image) => ({
            inlineData: { mimeType: image.mimeType, data: Buffer.from(image.data).toString('base64') },
          })),
        ],
      },
    ],
    config: {
      // Image models accept IMAGE alone (2.5 Flash Image, 3 Pro Image); it spares the text
      // tokens and makes a text-only reply rarer.
      responseModalities: [Modality.IMAGE],
      imageConfig: { aspectRatio: request.aspectRatio },
      abortSignal: options.signal,
      // One attempt is one HTTP request: no SDK retries (none unless asked) and no continuation
      // hops, so the worker's retry policy and the process-wide throttle see every request.
      automaticContinuation: false,
      httpOptions: { fetch: options.fetch },
    },
  };
}
