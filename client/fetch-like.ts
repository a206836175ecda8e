/** `fetch`, or anything that answers a request the same way (a Hono app's `fetch` in tests). */
export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Response | Promise<Response>;

/** Gives the caller's current credential: the panel's latest Twitch JWT, or an API token. */
export type TokenGetter = () => string | Promise<string>;

/** Calls `fetchLike`, or the global `fetch` as it is at the time of the call; always a promise. */
export function toFetch(fetchLike: FetchLike | undefined): typeof fetch {
  return async (input, init) => (fetchLike ? fetchLike(input, init) : globalThis.fetch(input, init));
}

/** The `Authorization` header for the token the getter gives now. */
export async function authorization(getToken: TokenGetter): Promise<{ Authorization: string }> {
  return { Authorization: `Bearer ${await getToken()}` };
}
