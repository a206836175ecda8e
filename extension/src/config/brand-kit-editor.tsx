import type { BrandKit } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { BrandKitFields } from './brand-kit-fields.js';
import { DeleteKit } from './delete-kit.js';
import { KitPicker } from './kit-picker.js';
import { ReferenceImages } from './reference-images.js';
import { type EditorStatus, type KitListChanges, useKitEditor } from './use-kit-editor.js';

export interface BrandKitEditorProps {
  readonly kits: readonly BrandKit[];
  readonly list: KitListChanges;
  /** Show the kits without a way to change them (for those who may only read). */
  readonly readOnly: boolean;
}

const STATUS_TEXT: Record<EditorStatus, string> = {
  idle: '',
  saving: 'Saving…',
  saved: 'Saved',
  deleting: 'Deleting…',
  deleted: 'Deleted',
};

/** Pick a kit (or a new one), change its fields, save or delete it; a saved kit's reference images below. */
export function BrandKitEditor({ kits, list, readOnly }: BrandKitEditorProps) {
  const { permissions } = useStudio().capabilities;
  const editor = useKitEditor(kits, list);
  const busy = editor.status === 'saving' || editor.status === 'deleting';
  return (
    <>
      <form
        class="kit-editor"
        onSubmit={(event) => {
          event.preventDefault();
          if (!readOnly && !busy && editor.changed) void editor.save();
        }}
      >
        <KitPicker
          kits={kits}
          selectedId={editor.selectedId}
          onSelect={editor.select}
          canCreate={!readOnly}
        />
        {kits.length === 0 && (
          <p class="kit-empty small">
            No brand kit yet: jobs use the built-in default kit until you save one. This one starts from it.
          </p>
        )}
        <fieldset class="kit-fieldset" disabled={readOnly || busy}>
          <legend class="sr-only">{editor.kit ? editor.kit.name : 'New brand kit'}</legend>
          <BrandKitFields editor={editor} />
        </fieldset>
        {editor.errors.general && (
          <p class="form-error" role="alert">
            {editor.errors.general}
          </p>
        )}
        {!readOnly && (
          <div class="kit-actions">
            <button type="submit" class="primary" disabled={busy || !editor.changed}>
              Save brand kit
            </button>
            <p class="save-status small" role="status">
              {STATUS_TEXT[editor.status]}
            </p>
            {editor.kit && (
              <DeleteKit
                key={editor.kit.id}
                name={editor.kit.name}
                busy={busy}
                onConfirm={() => void editor.remove()}
              />
            )}
          </div>
        )}
      </form>
      {/* Outside the kit's form: each upload or delete goes to the server at once, not on Save. */}
      {editor.kit && permissions['reference_image.read'] && (
        <ReferenceImages
          key={editor.kit.id}
          brandKitId={editor.kit.id}
          readOnly={readOnly || !permissions['reference_image.write']}
        />
      )}
    </>
  );
}
