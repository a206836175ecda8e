import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { frame, type SubscriptionData, subscriptionData } from './twitch-frames.js';

/** An EventSub subscription on a WebSocket session. */
export interface StoredSubscription {
  readonly id: string;
  readonly type: string;
  readonly version: string;
  readonly condition: Readonly<Record<string, string>>;
  readonly sessionId: string;
  readonly clientId: string;
  readonly createdAt: string;
  status: 'enabled' | 'websocket_disconnected' | 'authorization_revoked' | 'user_removed' | 'version_removed';
}

/** One notification frame as sent, so a test can send it again. */
export interface SentNotification {
  readonly messageId: string;
  readonly subscriptionId: string;
  readonly sessionId: string;
  readonly text: string;
}

interface Session {
  readonly id: string;
  /** The socket that gets frames: the newest one that was welcomed. */
  socket: WebSocket;
  readonly connectedAt: string;
  keepalive?: NodeJS.Timeout;
  open: boolean;
}

/** Why `POST /eventsub/subscriptions` refused. */
export class SubscriptionRefusal extends Error {
  constructor(
    readonly status: 400 | 409,
    message: string,
  ) {
    super(message);
  }
}

/**
 * EventSub over WebSocket: sessions (`/ws`, welcome, keepalives, reconnect to a new path that keeps
 * the session), subscriptions bound to a session, and notifications to the subscriptions that match.
 */
export class TwitchEventSub {
  readonly subscriptions: StoredSubscription[] = [];
  readonly sent: SentNotification[] = [];
  /** Every notification and revocation written to a socket, in order (a resend appears twice). */
  readonly written: { readonly messageType: string; readonly messageId: string }[] = [];
  /** How many `session_welcome` frames went out (a reconnect adds one). */
  welcomes = 0;
  readonly #sessions = new Map<string, Session>();
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #sockets = new Set<WebSocket>();

  constructor(
    private readonly baseWsUrl: () => string,
    private readonly keepaliveSeconds: number,
  ) {}

  /** Sessions whose socket is open and welcomed. */
  get openSessions(): string[] {
    return [...this.#sessions.values()].filter((s) => s.open).map((s) => s.id);
  }

  /** Takes an HTTP upgrade for `/ws` (new session) or `/ws/reconnect/<session>` (same session). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const resumed = /^\/ws\/reconnect\/([^/]+)$/.exec(path)?.[1];
    if (path !== '/ws' && !(resumed && this.#sessions.get(resumed)?.open)) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      this.#sockets.add(ws);
      ws.on('close', () => this.#closed(ws));
      if (resumed) this.#welcome(this.#sessions.get(resumed)!, ws);
      else this.#welcome(undefined, ws);
    });
  }

  /** `POST /eventsub/subscriptions` with websocket transport, checked against the session. */
  subscribe(clientId: string, body: Record<string, unknown>): SubscriptionData {
    const transport = (body.transport ?? {}) as { method?: string; session_id?: string };
    const session = this.#sessions.get(transport.session_id ?? '');
    if (transport.method !== 'websocket' || !session?.open) {
      throw new SubscriptionRefusal(
        400,
        'websocket transport session does not exist or has already disconnected',
      );
    }
    const type = String(body.type ?? '');
    const condition = (body.condition ?? {}) as Record<string, string>;
    const same = (s: StoredSubscription) =>
      s.status === 'enabled' &&
      s.type === type &&
      s.sessionId === session.id &&
      JSON.stringify(s.condition) === JSON.stringify(condition);
    if (this.subscriptions.some(same)) throw new SubscriptionRefusal(409, 'subscription already exists');
    const sub: StoredSubscription = {
      id: crypto.randomUUID(),
      type,
      version: String(body.version ?? '1'),
      condition,
      sessionId: session.id,
      clientId,
      createdAt: new Date().toISOString(),
      status: 'enabled',
    };
    this.subscriptions.push(sub);
    return subscriptionData(sub, session.connectedAt);
  }

  /** `GET /eventsub/subscriptions`: this client's subscriptions, optionally of one type or status. */
  list(clientId: string, query: URLSearchParams): SubscriptionData[] {
    return this.subscriptions
      .filter((s) => s.clientId === clientId)
      .filter((s) => !query.get('type') || s.type === query.get('type'))
      .filter((s) => !query.get('status') || s.status === query.get('status'))
      .map((s) => subscriptionData(s, this.#sessions.get(s.sessionId)?.connectedAt ?? s.createdAt));
  }

  /** `DELETE /eventsub/subscriptions?id=`: false when this client has no such subscription. */
  unsubscribe(clientId: string, id: string): boolean {
    const index = this.subscriptions.findIndex((s) => s.id === id && s.clientId === clientId);
    if (index < 0) return false;
    this.subscriptions.splice(index, 1);
    return true;
  }

  /** Sends `event` to every enabled subscription of `type` whose condition it meets. */
  notify(type: string, event: Record<string, unknown>, messageId?: string): SentNotification[] {
    const matching = this.subscriptions.filter((s) => s.status === 'enabled' && s.type === type);
    return matching
      .filter((s) => meets(s.condition, event))
      .map((sub) => {
        const id = messageId ?? crypto.randomUUID();
        const text = frame(
          'notification',
          id,
          {
            subscription: subscriptionData(sub, this.#sessions.get(sub.sessionId)!.connectedAt),
            event,
          },
          sub,
        );
        const sent = { messageId: id, subscriptionId: sub.id, sessionId: sub.sessionId, text };
        this.sent.push(sent);
        this.#send(sub.sessionId, text);
        return sent;
      });
  }

  /** Sends the very frame of an earlier notification again: same `message_id`, same timestamp. */
  resend(messageId: string): void {
    for (const sent of this.sent.filter((s) => s.messageId === messageId))
      this.#send(sent.sessionId, sent.text);
  }

  /** Sends `session_reconnect` to every open session, pointing at a path that resumes it. */
  reconnect(): void {
    for (const session of this.#sessions.values()) {
      if (!session.open) continue;
      session.socket.send(
        frame('session_reconnect', crypto.randomUUID(), {
          session: {
            id: session.id,
            status: 'reconnecting',
            keepalive_timeout_seconds: null,
            reconnect_url: `${this.baseWsUrl()}/ws/reconnect/${session.id}`,
            connected_at: session.connectedAt,
            recovery_url: null,
          },
        }),
      );
    }
  }

  /** Closes every socket without a close frame (the client sees 1006); their subscriptions die. */
  drop(): void {
    for (const ws of this.#sockets) ws.terminate();
  }

  /** Sends `revocation` for a subscription and disables it, as Twitch does when access is withdrawn. */
  revoke(subscriptionId: string, status: StoredSubscription['status'] = 'authorization_revoked'): void {
    const sub = this.subscriptions.find((s) => s.id === subscriptionId);
    if (!sub) throw new Error(`no subscription ${subscriptionId}`);
    sub.status = status;
    const session = this.#sessions.get(sub.sessionId);
    this.#send(
      sub.sessionId,
      frame(
        'revocation',
        crypto.randomUUID(),
        { subscription: subscriptionData(sub, session?.connectedAt ?? '') },
        sub,
      ),
    );
  }

  /** Ends every session and socket. */
  close(): void {
    for (const session of this.#sessions.values()) clearInterval(session.keepalive);
    for (const ws of this.#sockets) ws.terminate();
    this.#wss.close();
  }

  #welcome(resumed: Session | undefined, ws: WebSocket): void {
    const session: Session = resumed ?? {
      id: crypto.randomUUID(),
      socket: ws,
      connectedAt: new Date().toISOString(),
      open: true,
    };
    session.socket = ws;
    this.#sessions.set(session.id, session);
    this.welcomes += 1;
    ws.send(
      frame('session_welcome', crypto.randomUUID(), {
        session: {
          id: session.id,
          status: 'connected',
          connected_at: session.connectedAt,
          keepalive_timeout_seconds: this.keepaliveSeconds,
          reconnect_url: null,
          recovery_url: null,
        },
      }),
    );
    clearInterval(session.keepalive);
    session.keepalive = setInterval(
      () => session.socket.send(frame('session_keepalive', crypto.randomUUID(), {})),
      this.keepaliveSeconds * 1000,
    );
  }

  /** The session ends only when its current socket closes; an old socket left after a reconnect does not count. */
  #closed(ws: WebSocket): void {
    this.#sockets.delete(ws);
    for (const session of this.#sessions.values()) {
      if (session.socket !== ws || !session.open) continue;
      session.open = false;
      clearInterval(session.keepalive);
      for (const sub of this.subscriptions) {
        if (sub.sessionId === session.id && sub.status === 'enabled') sub.status = 'websocket_disconnected';
      }
    }
  }

  #send(sessionId: string, text: string): void {
    const session = this.#sessions.get(sessionId);
    if (!session?.open) return;
    const { metadata } = JSON.parse(text) as { metadata: { message_type: string; message_id: string } };
    this.written.push({ messageType: metadata.message_type, messageId: metadata.message_id });
    session.socket.send(text);
  }
}

/** Twitch routes an event by its condition: every condition field the event carries must agree. */
function meets(condition: Readonly<Record<string, string>>, event: Record<string, unknown>): boolean {
  const reward = (event.reward as { id?: string } | undefined)?.id;
  return Object.entries(condition).every(([key, value]) => {
    if (key === 'reward_id') return reward === value;
    return !(key in event) || event[key] === value;
  });
}
