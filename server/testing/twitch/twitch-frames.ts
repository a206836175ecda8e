import type { StoredSubscription } from './twitch-eventsub.js';

/** A subscription as `/eventsub/subscriptions` and notification frames carry it. */
export type SubscriptionData = ReturnType<typeof subscriptionData>;

/** The snake_case subscription object of Helix and EventSub. */
export const subscriptionData = (sub: StoredSubscription, connectedAt: string) => ({
  id: sub.id,
  status: sub.status,
  type: sub.type,
  version: sub.version,
  condition: { ...sub.condition },
  created_at: sub.createdAt,
  transport: { method: 'websocket' as const, session_id: sub.sessionId, connected_at: connectedAt },
  cost: 0,
});

/** One EventSub WebSocket message: `{ metadata, payload }`, with the subscription fields when it has one. */
export const frame = (
  messageType: 'session_welcome' | 'session_keepalive' | 'session_reconnect' | 'notification' | 'revocation',
  messageId: string,
  payload: Record<string, unknown>,
  sub?: StoredSubscription,
): string =>
  JSON.stringify({
    metadata: {
      message_id: messageId,
      message_type: messageType,
      message_timestamp: new Date().toISOString(),
      ...(sub ? { subscription_type: sub.type, subscription_version: sub.version } : {}),
    },
    payload,
  });
