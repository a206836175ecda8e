import type { OBSRequestTypes, OBSResponseTypes, OBSWebSocket } from 'obs-websocket-js';

/** One obs-websocket request, typed as obs-websocket-js types it; throws `{ code, message }` when OBS says no. */
export type ObsCall = <Type extends keyof OBSRequestTypes>(
  requestType: Type,
  requestData?: OBSRequestTypes[Type],
) => Promise<OBSResponseTypes[Type]>;

/** What the scene sync uses of an obs-websocket-js `OBSWebSocket`; tests hand in a fake. */
export type ObsSocket = Pick<OBSWebSocket, 'connect' | 'disconnect' | 'call' | 'on'>;

/** OBS's request status for a name it does not know (a scene, an input, a scene item). */
export const RESOURCE_NOT_FOUND = 600;
/** OBS's request status for a name already taken. */
export const RESOURCE_ALREADY_EXISTS = 601;

/** The code of a failed obs-websocket call or connection: a request status, a close code, or -1. */
export const obsErrorCode = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
    ? error.code
    : undefined;
