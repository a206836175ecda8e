import { useState } from 'preact/hooks';
import type { BrandKit } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { errorText } from '../ui/error-text.js';
import {
  type BrandKitForm,
  formFromKit,
  inputFromForm,
  newKitForm,
  patchFromForm,
} from './brand-kit-form-state.js';
import { preferredKit, withoutKit } from './brand-kit-list.js';
import { type FieldName, type FormErrors, formErrors, NO_ERRORS } from './form-errors.js';
import { logoProblem } from './logo-rules.js';

/** The picker's value for "New brand kit". */
export const NEW_KIT = 'new';

export type EditorStatus = 'idle' | 'saving' | 'saved' | 'deleting' | 'deleted';

export interface KitListChanges {
  readonly saved: (kit: BrandKit) => void;
  readonly removed: (id: string) => void;
}

/**
 * The brand kit editor's state: which kit is open, the form's values, a logo waiting to be
 * uploaded, errors beside fields, and save/delete. Save sends only what changed, and uploads the
 * logo once the kit exists (so a new kit is created first).
 */
export function useKitEditor(kits: readonly BrandKit[], list: KitListChanges) {
  const { api } = useStudio();
  const [selectedId, setSelectedId] = useState(() => preferredKit(kits)?.id ?? NEW_KIT);
  const kit = kits.find((candidate) => candidate.id === selectedId) ?? null;
  const [form, setForm] = useState(() => (kit ? formFromKit(kit) : newKitForm(kits.length === 0)));
  const [logo, setLogo] = useState<File | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [status, setStatus] = useState<EditorStatus>('idle');

  const open = (next: BrandKit | undefined, all: readonly BrandKit[]) => {
    setSelectedId(next?.id ?? NEW_KIT);
    setForm(next ? formFromKit(next) : newKitForm(all.length === 0));
    setLogo(null);
    setErrors(NO_ERRORS);
  };

  /** Forgets a field's error once the streamer changes that field. */
  const clearError = (field: FieldName) =>
    setErrors((now) => (now.fields[field] ? { ...now, fields: { ...now.fields, [field]: undefined } } : now));

  const edit = (change: Partial<BrandKitForm>, field?: FieldName) => {
    setForm((now) => ({ ...now, ...change }));
    if (field) clearError(field);
    setStatus('idle');
  };

  const chooseLogo = (file: File) => {
    setStatus('idle');
    const problem = logoProblem(file);
    if (problem) {
      setLogo(null);
      setErrors((now) => ({ ...now, fields: { ...now.fields, logo: problem } }));
      return;
    }
    setLogo(file);
    clearError('logo');
  };

  const save = async () => {
    setStatus('saving');
    setErrors(NO_ERRORS);
    let saved = kit;
    try {
      const patch = saved ? patchFromForm(saved, form) : {};
      if (!saved) saved = await api.createBrandKit(inputFromForm(form));
      else if (Object.keys(patch).length > 0) saved = await api.updateBrandKit(saved.id, patch);
    } catch (error) {
      setErrors(formErrors(error));
      setStatus('idle');
      return;
    }
    list.saved(saved);
    setSelectedId(saved.id);
    setForm(formFromKit(saved));
    if (logo) {
      try {
        list.saved(await api.uploadLogo(saved.id, logo));
        setLogo(null);
      } catch (error) {
        setErrors({ fields: { logo: `The kit was saved, but not its logo: ${errorText(error)}` } });
        setStatus('idle');
        return;
      }
    }
    setStatus('saved');
  };

  const remove = async () => {
    if (!kit) return;
    setStatus('deleting');
    try {
      await api.deleteBrandKit(kit.id);
    } catch (error) {
      setErrors({ fields: {}, general: errorText(error) });
      setStatus('idle');
      return;
    }
    const rest = withoutKit(kits, kit.id);
    list.removed(kit.id);
    open(preferredKit(rest), rest);
    setStatus('deleted');
  };

  return {
    kit,
    selectedId,
    form,
    logo,
    errors,
    status,
    /** Whether Save has anything to send: always for a new kit. */
    changed: !kit || logo !== null || Object.keys(patchFromForm(kit, form)).length > 0,
    select: (id: string) => {
      open(
        kits.find((candidate) => candidate.id === id),
        kits,
      );
      setStatus('idle');
    },
    edit,
    chooseLogo,
    save,
    remove,
  };
}

export type KitEditor = ReturnType<typeof useKitEditor>;
