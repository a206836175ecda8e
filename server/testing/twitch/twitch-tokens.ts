/** One access token as the stand-in knows it. */
export interface IssuedToken {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly clientId: string;
  readonly userId: string;
  readonly scopes: readonly string[];
  /** `Date.now()` after which Twitch answers 401 for it. */
  expiresAt: number;
}

/** What `POST /auth/token` answers on success. */
export interface TokenResponseData {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly expires_in: number;
  readonly scope: string[];
  readonly token_type: 'bearer';
}

/** Why the token endpoint refused: Twitch's status and message. */
export class OAuthRefusal extends Error {
  constructor(
    readonly status: 400 | 403,
    message: string,
  ) {
    super(message);
  }
}

interface PendingCode {
  readonly clientId: string;
  readonly userId: string;
  readonly scopes: readonly string[];
}

/**
 * Twitch's OAuth state: app credentials, authorization codes (single use), access tokens that expire
 * and refresh tokens that rotate — a used or revoked refresh token is refused, as Twitch refuses it.
 */
export class TwitchTokens {
  readonly #secrets = new Map<string, string>();
  readonly #codes = new Map<string, PendingCode>();
  readonly #access = new Map<string, IssuedToken>();
  readonly #refresh = new Map<string, IssuedToken>();
  #counter = 0;

  constructor(private readonly lifetimeSeconds: number) {}

  /** Registers an app's credentials. */
  addClient(clientId: string, clientSecret: string): void {
    this.#secrets.set(clientId, clientSecret);
  }

  /** Registers a single-use authorization code. */
  addCode(code: string, grant: PendingCode): void {
    this.#codes.set(code, grant);
  }

  /** Mints a token directly (what a finished OAuth dance would have produced). */
  issue(clientId: string, userId: string, scopes: readonly string[]): IssuedToken {
    const n = ++this.#counter;
    const token: IssuedToken = {
      accessToken: `access-${n}-${crypto.randomUUID().slice(0, 8)}`,
      refreshToken: `refresh-${n}-${crypto.randomUUID().slice(0, 8)}`,
      clientId,
      userId,
      scopes: [...scopes],
      expiresAt: Date.now() + this.lifetimeSeconds * 1000,
    };
    this.#access.set(token.accessToken, token);
    this.#refresh.set(token.refreshToken, token);
    return token;
  }

  /** The live token behind an access token string; undefined when unknown or expired. */
  valid(accessToken: string): IssuedToken | undefined {
    const token = this.#access.get(accessToken);
    return token && token.expiresAt > Date.now() ? token : undefined;
  }

  /** Makes the access token answer 401 from now on (its refresh token still works). */
  expire(accessToken: string): void {
    const token = this.#access.get(accessToken);
    if (token) token.expiresAt = 0;
  }

  /** Refuses this refresh token from now on, as when the user disconnects the app. */
  revokeRefreshToken(refreshToken: string): void {
    this.#refresh.delete(refreshToken);
  }

  /** Makes every access token of `userId` answer 401 (their refresh tokens still work). */
  expireUser(userId: string): void {
    for (const token of this.#access.values()) if (token.userId === userId) token.expiresAt = 0;
  }

  /**
   * What disconnecting the app in Twitch's settings does: every access token of `userId` stops
   * working and every refresh token is refused, whichever of them a client holds.
   */
  revokeUser(userId: string): void {
    this.expireUser(userId);
    for (const [refreshToken, token] of this.#refresh)
      if (token.userId === userId) this.#refresh.delete(refreshToken);
  }

  /** `grant_type=authorization_code`: the code is spent whether or not the exchange succeeds. */
  exchange(query: URLSearchParams): TokenResponseData {
    const clientId = this.#checkClient(query);
    const code = query.get('code') ?? '';
    const grant = this.#codes.get(code);
    this.#codes.delete(code);
    if (!grant || grant.clientId !== clientId) throw new OAuthRefusal(400, 'Invalid authorization code');
    return this.#response(this.issue(clientId, grant.userId, grant.scopes));
  }

  /** `grant_type=client_credentials`: an app token, with no user and no refresh token. */
  appToken(query: URLSearchParams): Omit<TokenResponseData, 'refresh_token' | 'scope'> {
    const token = this.issue(this.#checkClient(query), '', []);
    this.#refresh.delete(token.refreshToken);
    return { access_token: token.accessToken, expires_in: this.lifetimeSeconds, token_type: 'bearer' };
  }

  /** `grant_type=refresh_token`: a new pair; the old refresh token is spent. */
  refresh(query: URLSearchParams): TokenResponseData {
    const clientId = this.#checkClient(query);
    const old = this.#refresh.get(query.get('refresh_token') ?? '');
    if (!old || old.clientId !== clientId) throw new OAuthRefusal(400, 'Invalid refresh token');
    this.#refresh.delete(old.refreshToken);
    return this.#response(this.issue(clientId, old.userId, old.scopes));
  }

  #checkClient(query: URLSearchParams): string {
    const clientId = query.get('client_id') ?? '';
    const secret = this.#secrets.get(clientId);
    if (secret === undefined) throw new OAuthRefusal(400, 'invalid client');
    if (secret !== query.get('client_secret')) throw new OAuthRefusal(403, 'invalid client secret');
    return clientId;
  }

  #response(token: IssuedToken): TokenResponseData {
    return {
      access_token: token.accessToken,
      refresh_token: token.refreshToken,
      expires_in: this.lifetimeSeconds,
      scope: [...token.scopes],
      token_type: 'bearer',
    };
  }
}
