import { useEffect, useState } from 'preact/hooks';
import type { ChatSettings } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { errorText } from '../ui/error-text.js';
import {
  type ChatField,
  type ChatSettingsForm,
  chatSettingsPatch,
  formFromSettings,
  readChatForm,
} from './chat-settings-form.js';
import { errorsBesideFields, type FormErrors, NO_ERRORS } from './form-errors.js';
import type { SettingPhase } from './use-moderator-setting.js';

/** The fields that show a message beside them; a refusal of a checkbox is said for the whole form. */
const PLACED: readonly ChatField[] = [
  'prefix',
  'aliases',
  'who',
  'userCooldownSeconds',
  'channelCooldownSeconds',
];

/**
 * The channel's chat command settings as a form: read on open, checked as they are typed, and
 * saved on request with only what changed; the server's refusals shown beside the field it names.
 */
export function useChatSettings() {
  const { api } = useStudio();
  const [stored, setStored] = useState<ChatSettings | null>(null);
  const [form, setForm] = useState<ChatSettingsForm | null>(null);
  const [phase, setPhase] = useState<SettingPhase>('loading');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors<ChatField>>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);

  const adopt = (settings: ChatSettings) => {
    setStored(settings);
    setForm(formFromSettings(settings));
  };

  useEffect(() => {
    let stale = false;
    setPhase('loading');
    api.chatSettings().then(
      (settings) => {
        if (stale) return;
        adopt(settings);
        setPhase('idle');
      },
      (failure: unknown) => {
        if (stale) return;
        setLoadError(errorText(failure));
        setPhase('failed');
      },
    );
    return () => {
      stale = true;
    };
  }, [api, attempt]);

  const read = form ? readChatForm(form) : null;
  const problems = read && 'problems' in read ? read.problems : {};

  const edit = (change: Partial<ChatSettingsForm>) => {
    setForm((now) => (now ? { ...now, ...change } : now));
    // The server's word on a field holds until that field changes.
    setErrors((now) => ({
      ...now,
      fields: Object.fromEntries(Object.entries(now.fields).filter(([field]) => !(field in change))),
    }));
    if (phase === 'saved') setPhase('idle');
  };

  const save = async () => {
    if (!stored || !read || !('settings' in read)) return;
    setPhase('saving');
    setErrors(NO_ERRORS);
    try {
      adopt(await api.updateChatSettings(chatSettingsPatch(stored, read.settings)));
      setPhase('saved');
    } catch (failure) {
      setErrors(errorsBesideFields(failure, PLACED));
      setPhase('idle');
    }
  };

  return {
    form,
    phase,
    loadError,
    /** Each field's message: the server's refusal, or what the form sees wrong as it is typed. */
    fieldError: (field: ChatField): string | undefined => errors.fields[field] ?? problems[field],
    generalError: errors.general,
    canSave: read !== null && 'settings' in read && phase !== 'saving',
    edit,
    save,
    retry: () => setAttempt((n) => n + 1),
  };
}
