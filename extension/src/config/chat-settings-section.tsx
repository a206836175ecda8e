import { CHAT_SETTINGS_LIMITS } from '../../../server/chat/chat-command-settings.js';
import { Notice } from '../ui/notice.js';
import { AudienceSelect } from './audience-select.js';
import type { ChatField } from './chat-settings-form.js';
import { TextField } from './text-field.js';
import { useChatSettings } from './use-chat-settings.js';

/**
 * "Chat commands": whether chat may generate, the words that start a command, who may, the two
 * cooldowns and whether what chat makes goes public at once; saved together with one button.
 */
export function ChatSettingsSection({ readOnly }: { readonly readOnly: boolean }) {
  const chat = useChatSettings();
  const { form } = chat;
  const error = (field: ChatField) => (readOnly ? undefined : chat.fieldError(field));
  return (
    <section class="card config-section" aria-labelledby="chat-settings-title">
      <h2 id="chat-settings-title">Chat commands</h2>
      {chat.phase === 'loading' && <Notice title="Loading the chat settings…" busy />}
      {chat.phase === 'failed' && (
        <Notice title="The chat settings could not be loaded" tone="error">
          {chat.loadError}{' '}
          <button type="button" onClick={chat.retry}>
            Try again
          </button>
        </Notice>
      )}
      {form && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void chat.save();
          }}
        >
          <fieldset class="config-fieldset" disabled={readOnly || chat.phase === 'saving'}>
            <label class="check">
              <input
                type="checkbox"
                checked={form.enabled}
                onChange={(event) => chat.edit({ enabled: event.currentTarget.checked })}
              />
              Answer chat commands
            </label>
            <p class="hint small muted">Channel-point rewards work either way.</p>
            <div class="config-fields">
              <TextField
                label="Command"
                value={form.prefix}
                onInput={(prefix) => chat.edit({ prefix })}
                hint={`Chat starts with it, in any case: ${form.prefix.trim() || '!gen'} emote a cat in sunglasses`}
                error={error('prefix')}
              />
              <TextField
                label="Other words that start it"
                value={form.aliases}
                onInput={(aliases) => chat.edit({ aliases })}
                hint={`Up to ${CHAT_SETTINGS_LIMITS.aliasesMax}, separated by spaces, such as !art !draw`}
                error={error('aliases')}
              />
              <AudienceSelect value={form.who} onChange={(who) => chat.edit({ who })} error={error('who')} />
              <TextField
                label="Seconds each chatter waits"
                inputMode="numeric"
                value={form.userCooldownSeconds}
                onInput={(userCooldownSeconds) => chat.edit({ userCooldownSeconds })}
                hint="Between one chatter’s generations; 0 for no wait."
                error={error('userCooldownSeconds')}
              />
              <TextField
                label="Seconds between any two"
                inputMode="numeric"
                value={form.channelCooldownSeconds}
                onInput={(channelCooldownSeconds) => chat.edit({ channelCooldownSeconds })}
                hint="Between any two generations from the channel’s chat."
                error={error('channelCooldownSeconds')}
              />
            </div>
            <label class="check">
              <input
                type="checkbox"
                checked={form.publishAtOnce}
                onChange={(event) => chat.edit({ publishAtOnce: event.currentTarget.checked })}
              />
              What chat and channel points make goes public at once
            </label>
            <p class="hint small muted">Otherwise it waits, private, in the gallery until you publish it.</p>
          </fieldset>
          {chat.generalError && (
            <p class="form-error" role="alert">
              {chat.generalError}
            </p>
          )}
          {!readOnly && (
            <div class="row config-actions">
              <button type="submit" class="primary" disabled={!chat.canSave}>
                Save chat settings
              </button>
              <span class="save-status small" role="status">
                {chat.phase === 'saving' ? 'Saving…' : chat.phase === 'saved' ? 'Saved' : ''}
              </span>
            </div>
          )}
        </form>
      )}
    </section>
  );
}
