import type { BrandKit } from '../brand/index.js';
import type { AssetType } from '../catalogue/index.js';
import { type ImageType, type ProcessedFile, processImage, sniffImageType } from '../images/index.js';
import { sharp, toBuffer } from '../images/sharp.js';
import { type PromptTemplates, type RenderedPrompt, renderPrompt, toImageRequest } from '../prompts/index.js';
import type { GeneratedImage, ImageProvider, ReferenceImage } from '../providers/index.js';

/** The milestones of one generation, in order; the worker turns them into job progress. */
export type GenerationStage = 'prompt_built' | 'image_generated' | 'image_processed';

export interface GenerationDeps {
  readonly templates: PromptTemplates;
  readonly provider: ImageProvider;
}

export interface GenerationInput {
  readonly assetType: AssetType;
  readonly userText: string;
  readonly brandKit: BrandKit;
  readonly logo?: ReferenceImage;
  /** Set for a refinement: the parent's kept source image; `userText` is then the change to make. */
  readonly source?: ReferenceImage;
}

/** The provider's original image, as it is kept beside the sized files. */
export interface SourceImage {
  readonly data: Buffer;
  readonly type: ImageType;
}

export interface GenerationResult {
  readonly prompt: RenderedPrompt;
  readonly image: Omit<GeneratedImage, 'data'>;
  readonly files: ProcessedFile[];
  readonly source: SourceImage;
}

export interface GenerationOptions {
  readonly signal?: AbortSignal;
  readonly onStage?: (stage: GenerationStage) => void | Promise<void>;
}

/** Prompt engine → image provider → pipeline: one finished asset's files, in catalogue order. */
export async function generateAsset(
  deps: GenerationDeps,
  input: GenerationInput,
  options: GenerationOptions = {},
): Promise<GenerationResult> {
  const prompt = renderPrompt(deps.templates, input);
  await options.onStage?.('prompt_built');
  const { data, ...image } = await deps.provider.generate(toImageRequest(prompt), { signal: options.signal });
  await options.onStage?.('image_generated');
  options.signal?.throwIfAborted();
  const files = await processImage(data, input.assetType, { keyColor: prompt.keyColor });
  await options.onStage?.('image_processed');
  return { prompt, image, files, source: await keepable(data) };
}

/** The original as it came when it is PNG, JPEG or WebP (by its bytes); anything else the pipeline read is kept as PNG. */
async function keepable(data: Buffer): Promise<SourceImage> {
  const type = sniffImageType(data);
  if (type) return { data, type };
  return { data: await toBuffer(sharp(data).png()), type: { contentType: 'image/png', extension: 'png' } };
}
