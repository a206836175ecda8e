import { describe, expect, it } from 'vitest';
import { StudioApiError } from '../../../client/index.js';
import { formErrors } from './form-errors.js';

const invalid = (details: unknown) =>
  new StudioApiError({ status: 400, code: 'INVALID_INPUT', message: 'invalid json', details });

describe('formErrors', () => {
  it('puts each detail beside the field its path names', () => {
    const error = invalid([
      { path: 'colors.primary', message: 'a colour is #rrggbb' },
      { path: 'fonts.4', message: 'too many' },
      { path: 'name', message: 'too long' },
    ]);
    expect(formErrors(error)).toEqual({
      fields: { 'colors.primary': 'a colour is #rrggbb', fonts: 'too many', name: 'too long' },
    });
  });

  it('keeps the first message when a field has several', () => {
    const error = invalid([
      { path: 'styleWords.0', message: 'first' },
      { path: 'styleWords.3', message: 'second' },
    ]);
    expect(formErrors(error).fields.styleWords).toBe('first');
  });

  it('says what no field can show for the form as a whole', () => {
    const error = invalid([{ path: 'colours', message: 'unrecognized key' }]);
    expect(formErrors(error)).toEqual({ fields: {}, general: 'colours: unrecognized key' });
  });

  it('gives any other refusal as one sentence', () => {
    const error = new StudioApiError({ status: 403, code: 'FORBIDDEN', message: 'broadcaster only' });
    expect(formErrors(error)).toEqual({ fields: {}, general: 'Not allowed: broadcaster only.' });
  });

  it('falls back to the message when a 400 names no field', () => {
    expect(formErrors(invalid(undefined)).general).toBe('invalid json');
  });
});
