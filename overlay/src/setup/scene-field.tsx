import { useId, useState } from 'preact/hooks';

export interface SceneFieldProps {
  readonly value: string;
  readonly onChange: (scene: string) => void;
  /** OBS's scenes once a connection test has listed them. */
  readonly scenes: { readonly names: readonly string[]; readonly current: string } | null;
}

// No scene name can hold a NUL, so this option value cannot collide with one.
const TYPE_NEW = '\u0000new';

/** The scene the overlay fills: one of OBS's, or a new name the overlay creates when OBS connects. */
export function SceneField({ value, onChange, scenes }: SceneFieldProps) {
  const id = useId();
  const [typing, setTyping] = useState(false);
  const names = scenes?.names ?? [];
  return (
    <div class="field">
      <label class="label" for={id}>
        Scene
      </label>
      <select
        id={id}
        value={typing ? TYPE_NEW : value}
        onChange={(event) => {
          const picked = event.currentTarget.value;
          setTyping(picked === TYPE_NEW);
          if (picked !== TYPE_NEW) onChange(picked);
        }}
      >
        {!typing && !names.includes(value) && <option value={value}>{value} (new scene)</option>}
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
            {name === scenes?.current ? ' (on air)' : ''}
          </option>
        ))}
        <option value={TYPE_NEW}>Type a new name…</option>
      </select>
      {typing && (
        <input
          class="scene-name"
          aria-label="New scene name"
          value={value}
          onInput={(event) => onChange(event.currentTarget.value)}
        />
      )}
      <p class="small muted hint">
        {scenes
          ? 'A scene that does not exist yet is created by the overlay when it connects.'
          : 'Test the OBS connection to pick one of your scenes. A scene that does not exist yet is created by the overlay.'}
      </p>
    </div>
  );
}
