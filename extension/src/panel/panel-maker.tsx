import './panel.css';
import { useId, useState } from 'preact/hooks';
import { GenerateForm } from '../generate/generate-form.js';

/**
 * The compact generate form behind a "Make something" toggle, so the gallery stays in view in the
 * 500 px panel. Once opened it stays mounted while collapsed, keeping a half-written prompt.
 */
export function PanelMaker() {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const id = useId();
  const toggle = () => {
    setOpen(!open);
    setOpened(true);
  };
  return (
    <section class="panel-maker">
      <button
        type="button"
        class="panel-maker-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={toggle}
      >
        Make something
      </button>
      <div id={id} class="panel-maker-body" hidden={!open}>
        {opened && <GenerateForm compact />}
      </div>
    </section>
  );
}
