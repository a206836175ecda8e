/** Tokens an image provider reported for one generation, kept on the job for cost reporting. */
export interface ImageUsage {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly totalTokens?: number;
}
