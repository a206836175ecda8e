import type { TokenCheck } from './use-token-check.js';

const ENOUGH = 'A viewer-role API token is enough: the overlay only needs public events and public files.';

/** What the server said about the token, and what to do about it. */
export function TokenVerdict({ check, id }: { check: TokenCheck; id: string }) {
  switch (check.state) {
    case 'empty':
      return (
        <p id={id} class="small muted verdict">
          An API token (sst_…) of your channel. {ENOUGH}
        </p>
      );
    case 'checking':
      return (
        <p id={id} class="small muted verdict" role="status">
          Checking the token…
        </p>
      );
    case 'refused':
      return (
        <p id={id} class="small verdict verdict-error" role="alert">
          Refused: the server does not accept this token (mistyped, revoked, or made on another server). Make
          a new one below.
        </p>
      );
    case 'failed':
      return (
        <p id={id} class="small verdict verdict-error" role="alert">
          Could not check the token: {check.message}
        </p>
      );
    case 'accepted': {
      const expires = check.apiToken ? null : (
        <> This is a sign-in token, not an API token (sst_…): it expires, and the overlay would stop then.</>
      );
      if (check.role === 'viewer')
        return (
          <p id={id} class="small verdict verdict-ok" role="status">
            ✓ Viewer-role token for channel {check.channelId}. {ENOUGH}
            {expires}
          </p>
        );
      return (
        <p id={id} class="small verdict verdict-warn" role="status">
          This is a {check.role} token for channel {check.channelId}. It works, but anyone who reads your OBS
          settings could act as the {check.role} with it. {ENOUGH} Make one below.
          {expires}
        </p>
      );
    }
  }
}
