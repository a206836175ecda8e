export {
  createStudioClient,
  type StudioAppType,
  type StudioClient,
  type StudioClientOptions,
  type SuccessBody,
  unwrap,
} from './api-client.js';
export {
  type Clock,
  type EventStream,
  type EventStreamOptions,
  type EventStreamStatus,
  openEventStream,
} from './event-stream.js';
export type { FetchLike, TokenGetter } from './fetch-like.js';
export { DEFAULT_RECONNECT_POLICY, type ReconnectPolicy, reconnectDelay } from './reconnect-delay.js';
export { type SseMessage, SseParser } from './sse-parser.js';
export * from './studio-api.js';
export {
  type ApiErrorBody,
  type ClientErrorCode,
  StudioApiError,
  type StudioApiErrorCode,
} from './studio-api-error.js';
export { isStudioEventType, type StudioEventType, type StudioStreamEvent } from './studio-stream-event.js';
