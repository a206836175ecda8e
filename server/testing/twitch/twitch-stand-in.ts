import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type SentNotification,
  type StoredSubscription,
  SubscriptionRefusal,
  TwitchEventSub,
} from './twitch-eventsub.js';
import { type HelixAnswer, TwitchHelix } from './twitch-helix.js';
import { type IssuedToken, OAuthRefusal, TwitchTokens } from './twitch-tokens.js';
import {
  type ChatMessageInput,
  chatMessageEvent,
  redemptionAddEvent,
  type StoredRedemption,
  type TwitchUser,
  twitchError,
} from './twitch-wire.js';

/** What the stand-in does with the next Helix call (`/mock/…` or `/eventsub/subscriptions`); once the script runs out, answer. */
export type TwitchFault =
  /** A server error; twurple retries 5xx itself (3 times, 500 ms backoff doubling). */
  | { readonly kind: 'status'; readonly status: 500 | 502 | 503 }
  /** Waits before answering normally. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** 429 with `Ratelimit-Remaining: 0` and a reset `resetInMs` from now. */
  | { readonly kind: 'rate_limit'; readonly resetInMs: number }
  /** Drops the connection without answering. */
  | { readonly kind: 'disconnect' };

/** One HTTP request as it arrived, and its answer. */
export interface TwitchRequest {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown> | undefined;
  readonly authorization: string | undefined;
  readonly clientId: string | undefined;
  /** The HTTP status answered; 0 when the connection was dropped. */
  status: number;
}

export interface TwitchStandInOptions {
  /** `keepalive_timeout_seconds` in the welcome, and how often keepalives come. Twitch's default is 10. */
  readonly keepaliveSeconds?: number;
  /** `expires_in` of issued access tokens. Twitch's is about 4 hours. */
  readonly tokenLifetimeSeconds?: number;
}

/**
 * One local server that stands in for all of Twitch as twurple 8.1.4 calls it under
 * `TWURPLE_MOCK_API_PORT`: the token endpoints, the Helix subset, `/eventsub/subscriptions` and the
 * EventSub WebSocket. Tests register clients, users and codes, drive events, and read the log.
 */
export class TwitchStandIn {
  readonly requests: TwitchRequest[] = [];
  readonly tokens: TwitchTokens;
  readonly helix = new TwitchHelix();
  readonly eventSub: TwitchEventSub;
  #faults: TwitchFault[] = [];
  readonly #server: Server;
  #port = 0;

  private constructor(options: TwitchStandInOptions) {
    this.tokens = new TwitchTokens(options.tokenLifetimeSeconds ?? 14_400);
    this.eventSub = new TwitchEventSub(() => `ws://127.0.0.1:${this.#port}`, options.keepaliveSeconds ?? 10);
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('upgrade', (req, socket, head) => this.eventSub.upgrade(req, socket, head));
  }

  /** Starts a stand-in on 127.0.0.1 at a free port. */
  static async start(options: TwitchStandInOptions = {}): Promise<TwitchStandIn> {
    const standIn = new TwitchStandIn(options);
    await new Promise<void>((ready) => standIn.#server.listen(0, '127.0.0.1', ready));
    standIn.#port = (standIn.#server.address() as AddressInfo).port;
    return standIn;
  }

  /** The value for `TWURPLE_MOCK_API_PORT`. */
  get port(): number {
    return this.#port;
  }

  /** Registers an app: its client id and secret. */
  addClient(clientId: string, clientSecret: string): this {
    this.tokens.addClient(clientId, clientSecret);
    return this;
  }

  /** Registers an account that Helix can return and events can name. */
  addUser(user: TwitchUser): TwitchUser {
    this.helix.users.set(user.id, user);
    return user;
  }

  /** Registers an authorization code, as if `user` had approved `scopes` for `clientId`. */
  addCode(code: string, clientId: string, user: TwitchUser, scopes: readonly string[]): void {
    this.tokens.addCode(code, { clientId, userId: user.id, scopes });
  }

  /** Mints a token pair without the OAuth dance. */
  issueToken(clientId: string, user: TwitchUser, scopes: readonly string[]): IssuedToken {
    return this.tokens.issue(clientId, user.id, scopes);
  }

  /** Queues faults for the next Helix calls, in order. */
  script(...faults: TwitchFault[]): this {
    this.#faults.push(...faults);
    return this;
  }

  /** Chat messages sent through Helix, oldest first. */
  get chatMessages() {
    return this.helix.chatMessages;
  }

  /** EventSub subscriptions, including disconnected and revoked ones. */
  get subscriptions(): readonly StoredSubscription[] {
    return this.eventSub.subscriptions;
  }

  /** Sends an event to every enabled subscription of `type` that it matches; `messageId` fixes the envelope id. */
  notify(
    type: string,
    event: Record<string, unknown>,
    options: { messageId?: string } = {},
  ): SentNotification[] {
    return this.eventSub.notify(type, event, options.messageId);
  }

  /** Says `text` in a channel: a `channel.chat.message` notification. */
  chat(input: ChatMessageInput): { event: ReturnType<typeof chatMessageEvent>; sent: SentNotification[] } {
    const event = chatMessageEvent(input);
    return { event, sent: this.notify('channel.chat.message', event) };
  }

  /** A viewer redeems a custom reward: stored as UNFULFILLED and notified to its subscriptions. */
  redeem(
    rewardId: string,
    viewer: TwitchUser,
    userInput: string,
  ): { redemption: StoredRedemption; sent: SentNotification[] } {
    const redemption = this.helix.redeem(rewardId, viewer, userInput);
    const reward = this.helix.rewards.get(rewardId)!;
    const event = redemptionAddEvent(redemption, reward, this.helix.user(reward.broadcasterId));
    return { redemption, sent: this.notify('channel.channel_points_custom_reward_redemption.add', event) };
  }

  /** Sends an earlier notification again with the same `message_id`. */
  resend(messageId: string): void {
    this.eventSub.resend(messageId);
  }

  /** `session_reconnect` to every open session; the new socket keeps the session and subscriptions. */
  reconnect(): void {
    this.eventSub.reconnect();
  }

  /** Closes every EventSub socket abruptly (1006); the sessions and their subscriptions die. */
  drop(): void {
    this.eventSub.drop();
  }

  /** Revokes one subscription with a `revocation` frame. */
  revoke(subscriptionId: string, status?: StoredSubscription['status']): void {
    this.eventSub.revoke(subscriptionId, status);
  }

  async close(): Promise<void> {
    this.eventSub.close();
    this.#server.closeAllConnections();
    await new Promise<void>((done) => this.#server.close(() => done()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = Buffer.concat(chunks).toString('utf8');
    const entry: TwitchRequest = {
      at: Date.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined,
      authorization: req.headers.authorization,
      clientId: req.headers['client-id'] as string | undefined,
      status: 0,
    };
    this.requests.push(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    if (entry.path.startsWith('/auth/')) {
      this.#auth(entry, res);
      return;
    }
    if (entry.path.startsWith('/mock/') || entry.path === '/eventsub/subscriptions') {
      await this.#helix(entry, res);
      return;
    }
    send(res, 404, twitchError(404, `no route ${entry.method} ${entry.path}`));
  }

  #auth(entry: TwitchRequest, res: ServerResponse): void {
    const route = `${entry.method} ${entry.path}`;
    if (route === 'GET /auth/validate') {
      const token = this.tokens.valid(/^OAuth (.+)$/.exec(entry.authorization ?? '')?.[1] ?? '');
      if (!token) {
        send(res, 401, { status: 401, message: 'invalid access token' });
        return;
      }
      const expiresIn = Math.max(0, Math.floor((token.expiresAt - Date.now()) / 1000));
      // An app token has no user: Twitch leaves login and user_id out.
      const user = token.userId ? { login: this.helix.user(token.userId).login, user_id: token.userId } : {};
      send(res, 200, { client_id: token.clientId, ...user, scopes: token.scopes, expires_in: expiresIn });
      return;
    }
    if (route === 'POST /auth/revoke') {
      send(res, 200, undefined);
      return;
    }
    if (route !== 'POST /auth/token') {
      send(res, 404, { status: 404, message: 'Not Found' });
      return;
    }
    try {
      const grant = entry.query.get('grant_type');
      if (grant === 'authorization_code') send(res, 200, this.tokens.exchange(entry.query));
      else if (grant === 'refresh_token') send(res, 200, this.tokens.refresh(entry.query));
      else if (grant === 'client_credentials') send(res, 200, this.tokens.appToken(entry.query));
      else send(res, 400, { status: 400, message: 'unsupported grant type' });
    } catch (error) {
      if (!(error instanceof OAuthRefusal)) throw error;
      send(res, error.status, { status: error.status, message: error.message });
    }
  }

  async #helix(entry: TwitchRequest, res: ServerResponse): Promise<void> {
    const fault = this.#faults.shift();
    if (fault?.kind === 'disconnect') {
      res.socket?.destroy();
      return;
    }
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.kind === 'status') {
      send(res, fault.status, twitchError(fault.status, 'stand-in fault'));
      return;
    }
    if (fault?.kind === 'rate_limit') {
      const reset = String(Math.ceil((Date.now() + fault.resetInMs) / 1000));
      send(res, 429, twitchError(429, 'Too Many Requests'), {
        'ratelimit-remaining': '0',
        'ratelimit-reset': reset,
      });
      return;
    }
    const token = this.tokens.valid(/^Bearer (.+)$/.exec(entry.authorization ?? '')?.[1] ?? '');
    if (!token) {
      send(res, 401, twitchError(401, 'Invalid OAuth token'));
      return;
    }
    if (token.clientId !== entry.clientId) {
      send(res, 401, twitchError(401, 'Client ID and OAuth token do not match'));
      return;
    }
    const answer =
      entry.path === '/eventsub/subscriptions'
        ? this.#eventSubRoute(entry, token)
        : this.helix.handle({
            method: entry.method,
            route: entry.path.slice('/mock/'.length),
            query: entry.query,
            body: entry.body ?? {},
            token,
          });
    send(res, answer.status, answer.body);
  }

  #eventSubRoute(entry: TwitchRequest, token: IssuedToken): HelixAnswer {
    const totals = () => {
      const mine = this.eventSub.list(token.clientId, new URLSearchParams());
      return { total: mine.length, total_cost: 0, max_total_cost: 10 };
    };
    try {
      if (entry.method === 'POST') {
        const sub = this.eventSub.subscribe(token.clientId, entry.body ?? {});
        return { status: 202, body: { data: [sub], ...totals() } };
      }
    } catch (error) {
      if (!(error instanceof SubscriptionRefusal)) throw error;
      return { status: error.status, body: twitchError(error.status, error.message) };
    }
    if (entry.method === 'GET') {
      return {
        status: 200,
        body: { data: this.eventSub.list(token.clientId, entry.query), ...totals(), pagination: {} },
      };
    }
    if (entry.method === 'DELETE') {
      return this.eventSub.unsubscribe(token.clientId, entry.query.get('id') ?? '')
        ? { status: 204 }
        : { status: 404, body: twitchError(404, 'subscription not found') };
    }
    return { status: 404, body: twitchError(404, 'Not Found') };
  }
}

/** Twitch sends bare `application/json` (twurple only parses error bodies with exactly that type) and rate-limit headers. */
function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'ratelimit-limit': '800',
    'ratelimit-remaining': '799',
    'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 60),
    ...headers,
  });
  res.end(status === 204 || body === undefined ? undefined : JSON.stringify(body));
}
