// The end of a case: 送达 (the date and method the reply reached the applicant), closing, reopening a
// concluded case (e.g. after 复议 or a 补充答复) and the applicant's withdrawal.
import type { Action } from '../../core/applications/index.ts';
import type { ActionStep } from './applications.act.ts';

export const closingSteps = {
  recordDelivery(app, p) {
    p.on = p.pick('deliveredOn') ?? p.t;
    app.checkDate(p.on, p.lastOn, 'deliveredOn');
    p.data.method = p.inp.method;
  },
  close() {},
  reopen(_app, p) {
    p.data.reason = p.inp.reason;
  },
  withdraw(app, p) {
    p.on = p.pick('withdrawnOn') ?? p.t;
    app.checkDate(p.on, p.lastOn, 'withdrawnOn');
    p.data.note = p.inp.note ?? null;
    if (p.row0.received_on) p.patch.outcome = 'other_withdrawn';
  },
} satisfies Partial<Record<Action, ActionStep>>;
