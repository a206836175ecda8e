import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GEMINI_ASPECT_RATIOS } from '../catalogue/index.js';
import { GEMINI_IMAGE_SIZES } from './fake-gemini-images.js';
import { formatDuration } from './fake-gemini-replies.js';
import { FakeGeminiServer } from './fake-gemini-server.js';

type Reply = {
  candidates?: { content: { parts: { inlineData?: { data: string } }[] } }[];
  error?: { status: string; details: { '@type': string; retryDelay?: string }[] };
};

const ask = async (fake: FakeGeminiServer, aspectRatio: string, prompt = 'draw a bee') => {
  const response = await fetch(`${fake.url}/v1beta/models/gemini-2.5-flash-image:generateContent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'k' },
    body: JSON.stringify({
      contents: [{ role: 'user', parts: [{ text: prompt }] }],
      generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio } },
    }),
  });
  return { status: response.status, body: (await response.json()) as Reply };
};

describe('FakeGeminiServer', () => {
  let fake: FakeGeminiServer | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await fake?.close();
  });

  it('answers every Gemini aspect ratio with a PNG of Gemini’s canvas size', async () => {
    fake = await FakeGeminiServer.start();
    for (const ratio of GEMINI_ASPECT_RATIOS) {
      const { body } = await ask(fake, ratio);
      const data = Buffer.from(body.candidates![0]!.content.parts[0]!.inlineData!.data, 'base64');
      const { width, height, format } = await sharp(data).metadata();
      expect({ ratio, width, height, format }).toEqual({
        ratio,
        ...GEMINI_IMAGE_SIZES[ratio],
        format: 'png',
      });
    }
  });

  it('draws on the flat key colour a transparent type asks for', async () => {
    fake = await FakeGeminiServer.start();
    const { body } = await ask(fake, '1:1', 'Background: isolated on a solid flat #00ff00 background.');
    const data = Buffer.from(body.candidates![0]!.content.parts[0]!.inlineData!.data, 'base64');
    const { data: corner } = await sharp(data)
      .extract({ left: 0, top: 0, width: 1, height: 1 })
      .raw()
      .toBuffer({
        resolveWithObject: true,
      });
    expect([...corner.subarray(0, 3)]).toEqual([0, 255, 0]);
  });

  it('quota mode: 429 with RetryInfo naming when the oldest request leaves the window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    fake = await FakeGeminiServer.start({ quota: { limit: 2, windowMs: 60_000 } });
    expect((await ask(fake, '1:1')).status).toBe(200);
    vi.setSystemTime(1_022_500);
    expect((await ask(fake, '1:1')).status).toBe(200);
    const over = await ask(fake, '1:1');
    expect(over.status).toBe(429);
    expect(over.body.error!.status).toBe('RESOURCE_EXHAUSTED');
    expect(over.body.error!.details.at(-1)).toEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '37.500s',
    });
    vi.setSystemTime(1_060_001);
    expect((await ask(fake, '1:1')).status).toBe(200);
    expect(fake.requests.map((r) => r.outcome)).toEqual(['ok', 'ok', 'quota', 'ok']);
  });

  it('writes durations the way protobuf JSON does', () => {
    expect(formatDuration(38_000)).toBe('38s');
    expect(formatDuration(1500)).toBe('1.500s');
    expect(formatDuration(0.2)).toBe('0.001s');
  });
});
