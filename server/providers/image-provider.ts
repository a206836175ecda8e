import type { AspectRatio } from '../catalogue/index.js';
import type { ImageUsage } from '../vocabulary/index.js';

/** An image sent along with the prompt: the brand logo, or the picture a refinement edits. */
export interface ReferenceImage {
  readonly mimeType: string;
  readonly data: Uint8Array;
}

/** Everything a provider needs to make one image. */
export interface ImageRequest {
  /** The full prompt text, built by the prompt engine. */
  readonly prompt: string;
  readonly aspectRatio: AspectRatio;
  readonly referenceImages: readonly ReferenceImage[];
  /**
   * Structured facts the prompt was built from. Remote models read the prompt; the offline
   * preview provider draws from these.
   */
  readonly hints: {
    readonly subject: string;
    readonly palette: readonly string[];
    /** Set for transparent types: the flat background colour the image is asked for on. */
    readonly keyColor?: string;
    readonly label: string;
    /** Set for a refinement: the change asked for; the first reference image is the picture to edit. */
    readonly edit?: string;
  };
}

export interface GeneratedImage {
  readonly data: Buffer;
  readonly mimeType: string;
  readonly model: string;
  readonly usage: ImageUsage;
}

/** Turns an image request into image bytes. Implementations: `preview` (offline) and `gemini`. */
export interface ImageProvider {
  readonly name: string;
  /** The model a remote provider asks for (logged at start); none for the offline one. */
  readonly model?: string;
  generate(request: ImageRequest, options?: { signal?: AbortSignal }): Promise<GeneratedImage>;
}
