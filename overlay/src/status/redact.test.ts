import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from './redact.js';

describe('redact', () => {
  it('masks every occurrence of every secret', () => {
    expect(redact('login hunter2 failed: hunter2 / sst_abc', ['hunter2', 'sst_abc'])).toBe(
      `login ${REDACTED} failed: ${REDACTED} / ${REDACTED}`,
    );
  });

  it('leaves words alone when a secret is empty', () => {
    expect(redact('OBS refused the password', ['', 'sst_abc'])).toBe('OBS refused the password');
  });
});
