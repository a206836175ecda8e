import { useId } from 'preact/hooks';
import { Notice } from '../ui/notice.js';
import { useBudgetSetting } from './use-budget-setting.js';

/** When today's budget starts again, in the viewer's own time. */
const resetTime = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** "Daily generation budget": how many assets the channel may make per UTC day, from every trigger. */
export function BudgetSetting({ readOnly }: { readonly readOnly: boolean }) {
  const setting = useBudgetSetting();
  const hint = useId();
  const { channel } = setting;
  return (
    <section class="card config-section" aria-labelledby="budget-setting-title">
      <h2 id="budget-setting-title">Daily generation budget</h2>
      {setting.phase === 'loading' && <Notice title="Loading the channel’s settings…" busy />}
      {setting.phase === 'failed' && (
        <Notice title="The budget could not be loaded" tone="error">
          {setting.error}
        </Notice>
      )}
      {channel && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void setting.save();
          }}
        >
          <p class="small">
            Today: {channel.generationsToday}
            {channel.dailyGenerationBudget === null ? '' : ` of ${channel.dailyGenerationBudget}`} generations
            used; the count starts again at {resetTime(channel.budgetResetsAt)}.
          </p>
          <label class="label" for={`${hint}-budget`}>
            Generations per day
          </label>
          <input
            id={`${hint}-budget`}
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            value={setting.draft}
            disabled={readOnly || setting.unlimited || setting.phase === 'saving'}
            aria-describedby={hint}
            aria-invalid={setting.problem !== null}
            onInput={(event) => setting.setDraft(event.currentTarget.value)}
          />
          <label class="check">
            <input
              type="checkbox"
              checked={setting.unlimited}
              disabled={readOnly || setting.phase === 'saving'}
              onChange={(event) => setting.setUnlimited(event.currentTarget.checked)}
            />
            No daily limit
          </label>
          <p class="hint small muted" id={hint}>
            Shared by the panel, the API, chat and channel points. A job that fails without an image gives its
            generation back.
          </p>
          {setting.problem && !readOnly && (
            <p class="form-error small">Generations per day: {setting.problem}</p>
          )}
          {setting.error && (
            <p class="form-error" role="alert">
              {setting.error}
            </p>
          )}
          {!readOnly && (
            <div class="row">
              <button
                type="submit"
                class="primary"
                disabled={setting.problem !== null || setting.phase === 'saving'}
              >
                Save budget
              </button>
              <span class="save-status small" role="status">
                {setting.phase === 'saving' ? 'Saving…' : setting.phase === 'saved' ? 'Saved' : ''}
              </span>
            </div>
          )}
        </form>
      )}
    </section>
  );
}
