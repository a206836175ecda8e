import type { Config } from '../config/index.js';
import type { ImageProvider } from './image-provider.js';
import { PreviewImageProvider } from './preview-provider.js';

/**
 * Gemini when GEMINI_API_KEY is set, the offline preview provider otherwise. Gemini's SDK is
 * loaded only then: a server without a key does not carry it (about 24 MB).
 */
export async function createProvider(config: Pick<Config, 'gemini'>): Promise<ImageProvider> {
  if (!config.gemini) return new PreviewImageProvider();
  const { GeminiImageProvider } = await import('./gemini/index.js');
  const { apiKey, model, baseUrl, timeoutMs } = config.gemini;
  return new GeminiImageProvider({ apiKey, model, timeoutMs, ...(baseUrl ? { baseUrl } : {}) });
}
