import type { Config } from '../config/index.js';
import { GeminiImageProvider } from './gemini/index.js';
import type { ImageProvider } from './image-provider.js';
import { PreviewImageProvider } from './preview-provider.js';

/** Gemini when GEMINI_API_KEY is set, the offline preview provider otherwise. */
export function createProvider(config: Pick<Config, 'gemini'>): ImageProvider {
  if (!config.gemini) return new PreviewImageProvider();
  const { apiKey, model, baseUrl, timeoutMs } = config.gemini;
  return new GeminiImageProvider({ apiKey, model, timeoutMs, ...(baseUrl ? { baseUrl } : {}) });
}
