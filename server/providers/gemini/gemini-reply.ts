import type { GenerateContentResponse } from '@google/genai';
import { sharp } from '../../images/sharp.js';
import type { ImageUsage } from '../../vocabulary/index.js';
import type { GeminiFailureCause } from './gemini-failure.js';

/** What one reply gave us: an image with its usage, or the reason there is none. */
export type GeminiReply =
  | {
      readonly ok: true;
      readonly data: Buffer;
      readonly mimeType: string;
      readonly usage: ImageUsage;
      readonly modelVersion?: string;
    }
  | { readonly ok: false; readonly cause: GeminiFailureCause };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Token counts for cost reporting; thinking tokens are billed as output, so they count there. */
export function usageOf(reply: GenerateContentResponse): ImageUsage {
  const meta = reply.usageMetadata;
  if (!meta) return {};
  const output =
    meta.candidatesTokenCount === undefined && meta.thoughtsTokenCount === undefined
      ? undefined
      : (meta.candidatesTokenCount ?? 0) + (meta.thoughtsTokenCount ?? 0);
  return {
    ...(meta.promptTokenCount === undefined ? {} : { inputTokens: meta.promptTokenCount }),
    ...(output === undefined ? {} : { outputTokens: output }),
    ...(meta.totalTokenCount === undefined ? {} : { totalTokens: meta.totalTokenCount }),
  };
}

/** Strict base64, so a damaged payload is caught here rather than decoded into garbage. */
function decodeBase64(data: string): Buffer | undefined {
  if (data.length === 0 || data.length % 4 !== 0 || !BASE64.test(data)) return undefined;
  return Buffer.from(data, 'base64');
}

async function readable(data: Buffer): Promise<boolean> {
  try {
    const { width, height } = await sharp(data).metadata();
    return width > 0 && height > 0;
  } catch {
    return false;
  }
}

/**
 * Takes the first image part of the reply, whatever else it holds (text, other candidates);
 * interim "thought" images of thinking models are skipped. No image → why not, for `geminiFailure`.
 */
export async function readGeminiReply(reply: GenerateContentResponse): Promise<GeminiReply> {
  const blockReason = reply.promptFeedback?.blockReason;
  const candidates = reply.candidates ?? [];
  const parts = candidates.flatMap((candidate) => candidate.content?.parts ?? []);
  const image = parts.find((part) => !part.thought && part.inlineData?.mimeType?.startsWith('image/'));
  if (image?.inlineData) {
    const mimeType = image.inlineData.mimeType ?? 'image/png';
    const data = decodeBase64(image.inlineData.data ?? '');
    if (!data || !(await readable(data)))
      return { ok: false, cause: { kind: 'undecodable_image', mimeType } };
    return {
      ok: true,
      data,
      mimeType,
      usage: usageOf(reply),
      ...(reply.modelVersion ? { modelVersion: reply.modelVersion } : {}),
    };
  }
  if (blockReason) return { ok: false, cause: { kind: 'prompt_blocked', blockReason } };
  const finishReason = candidates[0]?.finishReason;
  return {
    ok: false,
    cause: {
      kind: 'no_image',
      hadText: parts.some((part) => !part.thought && Boolean(part.text?.trim())),
      ...(finishReason ? { finishReason } : {}),
    },
  };
}
