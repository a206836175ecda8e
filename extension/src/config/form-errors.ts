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

/** Messages beside a form's fields (the brand kit editor's unless named), and one for the whole form. */
export interface FormErrors<F extends string = FieldName> {
  readonly fields: Partial<Record<F, string>>;
  readonly general?: string;
}

export const NO_ERRORS: FormErrors<never> = { fields: {} };

/** The field a detail's path points into: `fonts.2` is the fonts field, `colors.accent` its own. */
function fieldOf<F extends string>(path: string, fields: readonly F[]): F | undefined {
  return fields.find((field) => path === field || path.startsWith(`${field}.`));
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
 * Where to show a failed save of a form with `fields`: an invalid-input answer's details beside
 * the fields they name (the first message per field), anything else as one sentence for the form.
 */
export function errorsBesideFields<F extends string>(error: unknown, fields: readonly F[]): FormErrors<F> {
  if (!(error instanceof StudioApiError) || error.status !== 400 || !Array.isArray(error.details))
    return { fields: {}, general: errorText(error) };
  const placed: Partial<Record<F, string>> = {};
  const unplaced: string[] = [];
  for (const detail of error.details.filter(isDetail)) {
    const field = fieldOf(detail.path, fields);
    if (!field) unplaced.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
    else placed[field] ??= detail.message;
  }
  if (unplaced.length > 0) return { fields: placed, general: unplaced.join('; ') };
  if (Object.keys(placed).length === 0) return { fields: placed, general: errorText(error) };
  return { fields: placed };
}

/** Where to show a failed save of the brand kit editor. */
export const formErrors = (error: unknown): FormErrors => errorsBesideFields(error, FIELDS);
