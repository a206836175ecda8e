import { StudioApiError } from '../../../client/index.js';
import { errorText } from '../ui/error-text.js';

/** The editor's fields an error can be shown beside, named as the API's `details[].path` names them. */
export type FieldName =
  | 'name'
  | 'colors.primary'
  | 'colors.secondary'
  | 'colors.accent'
  | 'fonts'
  | 'tone'
  | 'styleWords'
  | 'logoDescription'
  | 'logo';

const FIELDS: readonly FieldName[] = [
  'name',
  'colors.primary',
  'colors.secondary',
  'colors.accent',
  'fonts',
  'tone',
  'styleWords',
  'logoDescription',
];

/** Messages beside fields, and one for the form as a whole when no field is to blame. */
export interface FormErrors {
  readonly fields: Partial<Record<FieldName, string>>;
  readonly general?: string;
}

export const NO_ERRORS: FormErrors = { fields: {} };

/** The field a detail's path points into: `fonts.2` is the fonts field, `colors.accent` its own. */
function fieldOf(path: string): FieldName | undefined {
  return FIELDS.find((field) => path === field || path.startsWith(`${field}.`));
}

function isDetail(value: unknown): value is { path: string; message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'path' in value &&
    typeof value.path === 'string' &&
    'message' in value &&
    typeof value.message === 'string'
  );
}

/**
 * Where to show a failed save: an invalid-input answer's details beside the fields they name
 * (the first message per field), anything else as one sentence for the form.
 */
export function formErrors(error: unknown): FormErrors {
  if (!(error instanceof StudioApiError) || error.status !== 400 || !Array.isArray(error.details))
    return { fields: {}, general: errorText(error) };
  const fields: Partial<Record<FieldName, string>> = {};
  const unplaced: string[] = [];
  for (const detail of error.details.filter(isDetail)) {
    const field = fieldOf(detail.path);
    if (!field) unplaced.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
    else fields[field] ??= detail.message;
  }
  if (unplaced.length > 0) return { fields, general: unplaced.join('; ') };
  if (Object.keys(fields).length === 0) return { fields, general: errorText(error) };
  return { fields };
}
