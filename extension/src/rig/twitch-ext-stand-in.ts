/**
 * The local rig's `window.Twitch.ext`: what Twitch's helper does for a view, with tokens signed by
 * this server's local-mode secret (`GET /rig/token?role=`). Loaded as a classic script in place of
 * the helper, so it must stand alone: it imports types only.
 */
import type { TwitchAuth, TwitchContext, TwitchExt } from '../twitch/twitch-ext.js';
import { isRigMessage, type RigToken } from './rig-protocol.js';

const params = new URLSearchParams(location.search);
const role = params.get('role') ?? 'viewer';
const authorized: ((auth: TwitchAuth) => void)[] = [];
const contexts: ((context: Partial<TwitchContext>, changed: readonly string[]) => void)[] = [];
let auth: TwitchAuth | undefined;
let context: Partial<TwitchContext> = {
  theme: params.get('theme') === 'light' ? 'light' : 'dark',
  mode: role === 'viewer' ? 'viewer' : 'dashboard',
};
let renewal: ReturnType<typeof setTimeout> | undefined;

async function renew(): Promise<void> {
  clearTimeout(renewal);
  try {
    const response = await fetch(`token?role=${encodeURIComponent(role)}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`the rig refused a ${role} token (${response.status})`);
    const given = (await response.json()) as RigToken;
    auth = { channelId: given.channelId, clientId: given.clientId, token: given.token, userId: given.userId };
    for (const callback of authorized) callback(auth);
    // Like Twitch: a fresh token well before the old one expires.
    renewal = setTimeout(renew, Math.max(5, given.expiresInSeconds - 60) * 1000);
  } catch (error) {
    console.warn('[rig]', error);
    renewal = setTimeout(renew, 3000);
  }
}

const ext: TwitchExt = {
  onAuthorized(callback) {
    authorized.push(callback);
    if (auth) callback(auth);
  },
  onContext(callback) {
    contexts.push(callback);
    callback(context, Object.keys(context));
  },
  onError() {},
};

addEventListener('message', (event) => {
  if (event.source !== parent || !isRigMessage(event.data)) return;
  if (event.data.type === 'renew-token') void renew();
  if (event.data.type === 'context') {
    context = { ...context, theme: event.data.theme };
    for (const callback of contexts) callback(context, ['theme']);
  }
});

window.Twitch = { ext };
void renew();
