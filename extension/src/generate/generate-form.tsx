import { useRef, useState } from 'preact/hooks';
import type { Job } from '../../../client/index.js';
import type { AssetType } from '../../../server/catalogue/index.js';
import { useStudio } from '../studio/studio-context.js';
import { ErrorLine } from '../ui/error-line.js';
import { AssetTypeSelect } from './asset-type-select.js';
import { BrandKitSelect } from './brand-kit-select.js';
import { checkPrompt } from './prompt-check.js';
import { PromptField } from './prompt-field.js';
import { useGenerate } from './use-generate.js';
import './generate.css';

export interface GenerateFormProps {
  /** Called with each job the server queued from this form. */
  readonly onQueued?: (job: Job) => void;
  /** Stacks the fields for the 318 px panel. */
  readonly compact?: boolean;
}

/** Asset type, prompt and brand kit, sent to `POST /generate`; the prompt clears once the job is queued. */
export function GenerateForm({ onQueued, compact = false }: GenerateFormProps) {
  const { capabilities } = useStudio();
  const [assetType, setAssetType] = useState<AssetType>('emote');
  const [prompt, setPrompt] = useState('');
  const [brandKitId, setBrandKitId] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const check = checkPrompt(prompt);
  const generate = useGenerate(onQueued);

  const send = async (event: Event) => {
    event.preventDefault();
    if (!check.acceptable) return;
    const queued = await generate.submit({ assetType, prompt, ...(brandKitId ? { brandKitId } : {}) });
    if (queued) setPrompt('');
  };

  return (
    <form ref={form} class={compact ? 'generate-form compact' : 'generate-form'} onSubmit={send}>
      <div class="generate-choices">
        <AssetTypeSelect value={assetType} onChange={setAssetType} />
        {capabilities.permissions['brand_kit.read'] && (
          <BrandKitSelect value={brandKitId} onChange={setBrandKitId} />
        )}
      </div>
      <PromptField
        value={prompt}
        check={check}
        onInput={setPrompt}
        onSubmit={() => form.current?.requestSubmit()}
      />
      <div class="row generate-send">
        <button type="submit" class="primary" disabled={generate.busy || !check.acceptable}>
          Generate
        </button>
        {generate.busy && <span class="small muted">Sending…</span>}
      </div>
      <ErrorLine error={generate.error} class="generate-error" />
    </form>
  );
}
