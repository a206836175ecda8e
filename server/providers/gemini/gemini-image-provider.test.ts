import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../errors/index.js';
import { FakeGeminiServer, type FakeGeminiStep } from '../../testing/fake-gemini-server.js';
import type { ImageRequest } from '../image-provider.js';
import { GeminiImageProvider } from './gemini-image-provider.js';

const KEY = 'test-key-7f3a9c';
const MODEL = 'gemini-2.5-flash-image';

const logo = { mimeType: 'image/png', data: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]) };
const request = (overrides: Partial<ImageRequest> = {}): ImageRequest => ({
  prompt: 'Create a Twitch chat emote. Background: isolated on a solid flat #00ff00 background.',
  aspectRatio: '1:1',
  referenceImages: [],
  hints: { subject: 'a bee', palette: ['#ffcc00'], label: 'Emote', keyColor: '#00ff00' },
  ...overrides,
});

let fake: FakeGeminiServer;
/** A timeout no test reaches, however slow the machine: only the timeout test uses a short one. */
let provider: GeminiImageProvider;
const withTimeout = (timeoutMs: number) =>
  new GeminiImageProvider({ apiKey: KEY, model: MODEL, baseUrl: fake.url, timeoutMs });
beforeAll(async () => {
  fake = await FakeGeminiServer.start({ apiKey: KEY });
  provider = withTimeout(10 * 60_000);
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

/** The StudioError one request with `step` scripted ends in. */
async function failureOf(step: FakeGeminiStep, p: GeminiImageProvider = provider): Promise<StudioError> {
  fake.script(step);
  const error = await p.generate(request()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StudioError);
  return error as StudioError;
}

describe('GeminiImageProvider on the wire', () => {
  it('posts the prompt, logo and aspect ratio to the model with the key header', async () => {
    await provider.generate(request({ aspectRatio: '16:9', referenceImages: [logo] }));
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent).toMatchObject({
      path: `/v1beta/models/${MODEL}:generateContent`,
      model: MODEL,
      apiKey: KEY,
      aspectRatio: '16:9',
      responseModalities: ['IMAGE'],
      parts: ['text', 'image/png'],
      referenceImages: [{ mimeType: 'image/png', bytes: logo.data.length }],
    });
    expect(sent!.prompt).toContain('Create a Twitch chat emote');
  });

  it('returns the PNG at Gemini’s canvas for the ratio, with model and token usage', async () => {
    const image = await provider.generate(request({ aspectRatio: '21:9' }));
    expect(await sharp(image.data).metadata()).toMatchObject({ format: 'png', width: 1536, height: 672 });
    expect(image.mimeType).toBe('image/png');
    expect(image.model).toBe(MODEL);
    expect(image.usage.outputTokens).toBe(1290);
    expect(image.usage.totalTokens).toBe((image.usage.inputTokens ?? 0) + 1290);
  });

  it('takes the image part when text comes first', async () => {
    fake.script({ kind: 'ok', text: 'Here is your emote!' });
    const image = await provider.generate(request());
    expect((await sharp(image.data).metadata()).width).toBe(1024);
  });

  it('makes exactly one request per call, whatever the answer', async () => {
    await failureOf({ kind: 'server_error', status: 503 });
    await failureOf({ kind: 'rate_limit' });
    expect(fake.requests).toHaveLength(2);
  });
});

describe('GeminiImageProvider failures', () => {
  it('429 → RATE_LIMITED, retryable, delay from RetryInfo', async () => {
    const error = await failureOf({ kind: 'rate_limit', retryDelay: '38s' });
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 38_000 });
    expect((await failureOf({ kind: 'rate_limit', retryDelay: '1.5s' })).retryAfterMs).toBe(1500);
  });

  it('429 without RetryInfo → the Retry-After header', async () => {
    const error = await failureOf({ kind: 'rate_limit', retryDelay: null, retryAfter: '7' });
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 7000 });
    expect((await failureOf({ kind: 'rate_limit', retryDelay: null })).retryAfterMs).toBeUndefined();
  });

  it.each([500, 502, 503, 504] as const)('%i → PROVIDER_UNAVAILABLE, retryable', async (status) => {
    const error = await failureOf({ kind: 'server_error', status });
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(error.message).toContain(`HTTP ${status}`);
  });

  it('a dropped connection → PROVIDER_UNAVAILABLE, retryable', async () => {
    expect(await failureOf({ kind: 'disconnect' })).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      retryable: true,
    });
  });

  it('no answer within the timeout → PROVIDER_TIMEOUT, retryable, the request aborted', async () => {
    const error = await failureOf({ kind: 'slow', delayMs: 2000 }, withTimeout(400));
    expect(error).toMatchObject({ code: 'PROVIDER_TIMEOUT', retryable: true });
    expect(error.message).toContain('GEMINI_TIMEOUT_MS');
    await expect.poll(() => fake.requests[0]?.aborted).toBe(true);
  });

  it('a cancel aborts the request and leaves with the caller’s reason, not a provider error', async () => {
    fake.script({ kind: 'slow', delayMs: 5000 });
    const controller = new AbortController();
    const pending = provider.generate(request(), { signal: controller.signal });
    await expect.poll(() => fake.requests.length).toBe(1);
    const reason = new Error('job cancelled');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await expect.poll(() => fake.requests[0]?.aborted).toBe(true);
  });

  it.each([
    ['prompt blocked', { kind: 'prompt_blocked', blockReason: 'SAFETY' }],
    ['prompt blocked (OTHER)', { kind: 'prompt_blocked', blockReason: 'OTHER' }],
    ['IMAGE_SAFETY', { kind: 'finish_reason', finishReason: 'IMAGE_SAFETY' }],
    ['PROHIBITED_CONTENT', { kind: 'finish_reason', finishReason: 'PROHIBITED_CONTENT' }],
    ['IMAGE_PROHIBITED_CONTENT', { kind: 'finish_reason', finishReason: 'IMAGE_PROHIBITED_CONTENT' }],
    ['RECITATION', { kind: 'finish_reason', finishReason: 'RECITATION' }],
  ] as const)('%s → CONTENT_POLICY, not retryable, in words a streamer reads', async (_, step) => {
    const error = await failureOf(step);
    expect(error).toMatchObject({ code: 'CONTENT_POLICY', retryable: false });
    expect(error.message).toMatch(/^Gemini declined to draw this description \(.+\)\. Try /);
  });

  it.each([
    ['text only', { kind: 'text_only' }, /text instead of an image/],
    ['finishReason NO_IMAGE', { kind: 'finish_reason', finishReason: 'NO_IMAGE' }, /without an image/],
    ['malformed base64', { kind: 'malformed_base64' }, /could not be decoded/],
  ] as const)('%s → NO_IMAGE, retryable', async (_, step, message) => {
    const error = await failureOf(step);
    expect(error).toMatchObject({ code: 'NO_IMAGE', retryable: true });
    expect(error.message).toMatch(message);
  });

  it.each([
    [401, 'GEMINI_API_KEY'],
    [403, 'GEMINI_API_KEY'],
    [404, 'GEMINI_MODEL'],
    [400, 'GEMINI_MODEL'],
  ] as const)('%i → PROVIDER_REJECTED, not retryable, naming %s', async (status, setting) => {
    const error = await failureOf({ kind: 'http_error', status });
    expect(error).toMatchObject({ code: 'PROVIDER_REJECTED', retryable: false, details: { setting } });
    expect(error.message).toContain(setting);
  });

  it('a wrong key → PROVIDER_REJECTED naming GEMINI_API_KEY, never the key itself', async () => {
    const wrongKey = 'AIzaWRONG-secret-value';
    const wrong = new GeminiImageProvider({
      apiKey: wrongKey,
      model: MODEL,
      baseUrl: fake.url,
      timeoutMs: 10 * 60_000,
    });
    const error = (await wrong.generate(request()).catch((e: unknown) => e)) as StudioError;
    expect(error).toBeInstanceOf(StudioError);
    expect(error).toMatchObject({ code: 'PROVIDER_REJECTED', details: { setting: 'GEMINI_API_KEY' } });
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(wrongKey);
    expect(fake.requests[0]!.apiKey).toBe(wrongKey);
  });
});
