import { useId } from 'preact/hooks';
import { CHAT_AUDIENCES, type ChatAudience } from '../../../server/chat/chat-permission.js';
import { AUDIENCE_WORDS } from './chat-settings-form.js';
import { describedBy, FieldError } from './field-error.js';

export interface AudienceSelectProps {
  readonly value: ChatAudience;
  readonly onChange: (who: ChatAudience) => void;
  readonly error?: string | undefined;
}

const isAudience = (value: string): value is ChatAudience =>
  (CHAT_AUDIENCES as readonly string[]).includes(value);

/** "Who may use it": the audiences from the chat badges, each in words that say whom it admits. */
export function AudienceSelect({ value, onChange, error }: AudienceSelectProps) {
  const id = useId();
  return (
    <div class="field">
      <label class="label" for={id}>
        Who may use it
      </label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { error })}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (isAudience(chosen)) onChange(chosen);
        }}
      >
        {CHAT_AUDIENCES.map((who) => (
          <option key={who} value={who}>
            {AUDIENCE_WORDS[who]}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
