import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import type { Capabilities } from '../../../client/index.js';
import { ExtensionRoot } from '../studio/extension-root.js';
import { FakeServer } from './fake-server.js';
import { FakeTwitch } from './fake-twitch.js';
import { capabilities } from './fixtures.js';

export interface RenderViewOptions {
  /** What `/me` answers (default: the broadcaster's permissions). */
  readonly me?: Capabilities;
  /** Routes to set before the view mounts. */
  readonly server?: FakeServer;
  /** Hand Twitch's JWT at once (default true). */
  readonly authorize?: boolean;
  /** The channel Twitch says the view is on (default `local`). */
  readonly channelId?: string;
}

/**
 * Mounts a view as the extension does — inside `<ExtensionRoot>`, with a Twitch helper and the API
 * at the wire faked — and returns the handles a test drives.
 */
export function renderView(view: ComponentChildren, options: RenderViewOptions = {}) {
  const server = options.server ?? new FakeServer();
  server.on('GET /api/v1/me', { json: options.me ?? capabilities('broadcaster') });
  const twitch = new FakeTwitch();
  const result = render(
    <ExtensionRoot ext={twitch} baseUrl={server.baseUrl} fetch={server.fetch}>
      {view}
    </ExtensionRoot>,
  );
  if (options.authorize !== false) twitch.authorize('jwt-1', options.channelId);
  return { ...result, server, twitch };
}
