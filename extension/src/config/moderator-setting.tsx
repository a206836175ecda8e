import { useId } from 'preact/hooks';
import { Notice } from '../ui/notice.js';
import { useModeratorSetting } from './use-moderator-setting.js';

/** "Who may generate from the panel": the broadcaster always, moderators when this is on. */
export function ModeratorSetting({ readOnly }: { readonly readOnly: boolean }) {
  const setting = useModeratorSetting();
  const hint = useId();
  return (
    <section class="card config-section" aria-labelledby="moderator-setting-title">
      <h2 id="moderator-setting-title">Who may generate from the panel</h2>
      {setting.phase === 'loading' && <Notice title="Loading the channel’s settings…" busy />}
      {setting.phase === 'failed' ? (
        <Notice title="The channel’s settings could not be loaded" tone="error">
          {setting.error}{' '}
          <button type="button" onClick={setting.retry}>
            Try again
          </button>
        </Notice>
      ) : (
        setting.allowed !== null && (
          <>
            <label class="check">
              <input
                type="checkbox"
                checked={setting.allowed}
                disabled={readOnly || setting.phase === 'saving'}
                aria-describedby={hint}
                onChange={(event) => void setting.change(event.currentTarget.checked)}
              />
              Moderators may generate from the panel
            </label>
            <p class="hint small muted" id={hint}>
              The broadcaster always may; moderators can always follow and cancel jobs.
            </p>
            {setting.error && (
              <p class="form-error" role="alert">
                {setting.error}
              </p>
            )}
            <p class="save-status small" role="status">
              {setting.phase === 'saving' ? 'Saving…' : setting.phase === 'saved' ? 'Saved' : ''}
            </p>
          </>
        )
      )}
    </section>
  );
}
