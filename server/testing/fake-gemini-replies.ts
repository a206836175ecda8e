/** Gemini's wire bodies as the fake sends them: Google's error envelope, the 429, token usage. */

/** Google's error envelope (`google.rpc.Status` as JSON). */
export const googleError = (code: number, status: string, message: string, details?: unknown[]) => ({
  error: { code, message, status, ...(details ? { details } : {}) },
});

/** A protobuf Duration as Google writes it: "38s", or "1.500s" with 3 fractional digits. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms)) / 1000;
  return Number.isInteger(seconds) ? `${seconds}s` : `${seconds.toFixed(3)}s`;
}

/** The body of Gemini's 429, as FACTS.md records it. */
export function rateLimitBody(retryDelay: string | null) {
  return googleError(
    429,
    'RESOURCE_EXHAUSTED',
    'You exceeded your current quota, please check your plan and billing details.',
    [
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [
          {
            quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
            quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
          },
        ],
      },
      { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Learn more' }] },
      ...(retryDelay === null ? [] : [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }]),
    ],
  );
}

/** `usageMetadata` for one image reply. */
export const usageMetadata = (prompt: string, images: number) => {
  const promptTokenCount = Math.ceil(prompt.length / 4) + 258 * images;
  return { promptTokenCount, candidatesTokenCount: 1290, totalTokenCount: promptTokenCount + 1290 };
};

/** The bodies Gemini sends for a refused request. */
export function httpErrorBody(status: 400 | 401 | 403 | 404, model: string) {
  switch (status) {
    case 400:
      return googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.');
    case 401:
      return googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
    case 403:
      return googleError(
        403,
        'PERMISSION_DENIED',
        'Your API key was reported as leaked. Please use another API key.',
      );
    case 404:
      return googleError(
        404,
        'NOT_FOUND',
        `models/${model} is not found for API version v1beta, or is not supported for generateContent.`,
      );
  }
}
