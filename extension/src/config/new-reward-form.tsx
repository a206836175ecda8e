import { useState } from 'preact/hooks';
import type { RewardInput } from '../../../client/index.js';
import { TWITCH_REWARD_LIMITS } from '../../../server/twitch/twitch-reward.js';
import { errorsBesideFields, type FormErrors, NO_ERRORS } from './form-errors.js';
import {
  NEW_REWARD,
  REWARD_FIELDS,
  type RewardField,
  type RewardForm,
  readRewardForm,
} from './reward-form-state.js';
import { RewardTypeSelect } from './reward-type-select.js';
import { TextField } from './text-field.js';

export interface NewRewardFormProps {
  /** Asks the server for the reward; throws its refusal. */
  readonly onCreate: (input: RewardInput) => Promise<void>;
}

/** "Add a reward": its title, its cost in channel points and what a redemption makes. */
export function NewRewardForm({ onCreate }: NewRewardFormProps) {
  const [form, setForm] = useState<RewardForm>(NEW_REWARD);
  const [errors, setErrors] = useState<FormErrors<RewardField>>(NO_ERRORS);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const read = readRewardForm(form);
  const problems = touched && 'problems' in read ? read.problems : {};

  const edit = (change: Partial<RewardForm>) => {
    setForm((now) => ({ ...now, ...change }));
    setTouched(true);
    setErrors(NO_ERRORS);
  };

  const submit = async () => {
    setTouched(true);
    if (!('input' in read)) return;
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await onCreate(read.input);
      setForm(NEW_REWARD);
      setTouched(false);
    } catch (failure) {
      setErrors(errorsBesideFields(failure, REWARD_FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const error = (field: RewardField) => errors.fields[field] ?? problems[field];
  return (
    <form
      class="reward-form"
      aria-label="Add a reward"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 class="small">Add a reward</h3>
      <fieldset class="config-fieldset" disabled={busy}>
        <div class="config-fields">
          <TextField
            label="Title"
            value={form.title}
            maxLength={TWITCH_REWARD_LIMITS.titleMax}
            onInput={(title) => edit({ title })}
            hint="What viewers see in the channel-points menu, such as “Make an emote”."
            error={error('title')}
          />
          <TextField
            label="Cost in channel points"
            inputMode="numeric"
            value={form.cost}
            onInput={(cost) => edit({ cost })}
            error={error('cost')}
          />
          <RewardTypeSelect
            value={form.assetType}
            onChange={(assetType) => edit({ assetType })}
            error={error('assetType')}
          />
        </div>
      </fieldset>
      <p class="hint small muted">The viewer’s text becomes the description of what is made.</p>
      {errors.general && (
        <p class="form-error" role="alert">
          {errors.general}
        </p>
      )}
      <div class="row config-actions">
        <button type="submit" class="primary" disabled={busy}>
          Add reward
        </button>
      </div>
    </form>
  );
}
