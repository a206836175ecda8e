import { useId, useState } from 'preact/hooks';
import type { PackInput } from '../../../client/index.js';

/** The most emote subjects a pack takes (the server's `MAX_PACK_SUBJECTS`). */
export const MAX_SUBJECTS = 6;

/** The subjects as typed, comma-separated, as the pack request takes them. */
export const subjectsOf = (text: string) =>
  text
    .split(',')
    .map((subject) => subject.trim())
    .filter((subject) => subject !== '');

export interface PackFormProps {
  readonly busy: boolean;
  readonly onStart: (input: PackInput) => Promise<boolean>;
}

/** "Brand pack": a whole matching set in one go, with the emotes' subjects if the streamer names them. */
export function PackForm({ busy, onStart }: PackFormProps) {
  const id = useId();
  const [text, setText] = useState('');
  const subjects = subjectsOf(text);
  const tooMany = subjects.length > MAX_SUBJECTS;

  const start = async (event: Event) => {
    event.preventDefault();
    if (tooMany) return;
    if (await onStart(subjects.length > 0 ? { subjects } : {})) setText('');
  };

  return (
    <form class="pack-form" onSubmit={start}>
      <label class="label" for={id}>
        Emote subjects (optional)
      </label>
      <div class="row">
        <input
          id={id}
          type="text"
          value={text}
          placeholder="laughing, hyped, sending love"
          aria-describedby={`${id}-hint`}
          aria-invalid={tooMany ? true : undefined}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={busy || tooMany}>
          Brand pack
        </button>
      </div>
      <p id={`${id}-hint`} class={tooMany ? 'small prompt-refusal' : 'small muted'}>
        {tooMany
          ? `At most ${MAX_SUBJECTS} subjects.`
          : 'A profile picture, banner, offline screen, four panels, emotes and six sub badges that match, each counted against the budget.'}
      </p>
    </form>
  );
}
