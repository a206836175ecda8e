import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { ERROR_CODE_NAMES, ERROR_CODES, isErrorCode } from './error-code.js';

/** The rows of every README table whose first column is `code`: each row's codes and its other cells. */
async function readmeCodeRows(): Promise<{ codes: string[]; cells: string[]; table: number }[]> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const rows: { codes: string[]; cells: string[]; table: number }[] = [];
  let table = -1;
  let inTable = false;
  for (const line of readme.split('\n')) {
    const cells = line.startsWith('|')
      ? line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim())
      : null;
    if (!cells) {
      inTable = false;
      continue;
    }
    if (cells[0] === 'code') {
      inTable = true;
      table++;
      continue;
    }
    if (!inTable || /^-+$/.test(cells[0] ?? '')) continue;
    rows.push({
      codes: [...cells[0]!.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!),
      cells: cells.slice(1),
      table,
    });
  }
  return rows;
}

it('documents every error code in the README, and no other', async () => {
  const rows = await readmeCodeRows();
  const documented = new Set(rows.flatMap((row) => row.codes));
  expect([...documented].sort()).toEqual([...ERROR_CODE_NAMES].sort());
});

it('states each code’s HTTP status in the README as the table has it', async () => {
  const apiRows = (await readmeCodeRows()).filter((row) => /^\d{3}$/.test(row.cells[0] ?? ''));
  expect(apiRows.length).toBeGreaterThan(0);
  for (const row of apiRows)
    for (const code of row.codes)
      expect({ code, status: Number(row.cells[0]) }).toEqual({
        code,
        status: ERROR_CODES[code as keyof typeof ERROR_CODES].status,
      });
});

it('lists in the job table exactly the codes a job can end with', async () => {
  const jobRows = (await readmeCodeRows()).filter((row) => !/^\d{3}$/.test(row.cells[0] ?? ''));
  const jobCodes = Object.entries(ERROR_CODES)
    .filter(([, info]) => info.job)
    .map(([code]) => code)
    .sort();
  expect([...new Set(jobRows.flatMap((row) => row.codes))].sort()).toEqual(jobCodes);
});

it('tells its own codes from other strings', () => {
  expect(isErrorCode('NOT_FOUND')).toBe(true);
  expect(isErrorCode('BAD_REQUEST')).toBe(false);
  expect(isErrorCode('toString')).toBe(false);
});
