import { expect, it } from 'vitest';
import { givesBudgetBack } from './gives-budget-back.js';
import { JOB_STATUSES } from './job-status.js';

it('gives the unit back exactly for a failure and for a cancel before the job ran', () => {
  const giving = JOB_STATUSES.flatMap((from) =>
    JOB_STATUSES.filter((to) => givesBudgetBack(from, to)).map((to) => `${from} → ${to}`),
  );
  const failures = JOB_STATUSES.map((from) => `${from} → failed`);
  expect(giving.sort()).toEqual([...failures, 'queued → cancelled'].sort());
});
