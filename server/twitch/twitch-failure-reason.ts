/**
 * Why a call to Twitch's token endpoints failed, in words safe to store, show and log. twurple's
 * `HttpStatusCodeError` message carries the request URL, and the token endpoint takes the client
 * secret, the code and the refresh token in its query: so only the status and Twitch's own
 * `message` are kept, never the error's text.
 */
export function twitchFailureReason(error: unknown): string {
  const failure = error as { statusCode?: unknown; body?: unknown } | null;
  if (typeof failure?.statusCode !== 'number') return 'Twitch could not be reached';
  let said: string | undefined;
  try {
    const body = JSON.parse(String(failure.body)) as { message?: unknown };
    if (typeof body.message === 'string') said = body.message.slice(0, 200);
  } catch {
    // Not JSON: Twitch's status alone says enough.
  }
  return `Twitch answered ${failure.statusCode}${said ? `: ${said}` : ''}`;
}
