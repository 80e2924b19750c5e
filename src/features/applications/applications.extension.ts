// 延期答复 (第三十三条第二款): the officer asks, the head of the open-government office approves or refuses; an
// approval issues the 延期答复告知书 with the new due date and tells the applicant.
import { clockOf } from './applications.clock.ts';
import { dateZh } from './applications.context.ts';
import type { Action } from '../../core/applications/index.ts';
import type { ActionStep } from './applications.act.ts';

export const extensionSteps = {
  requestExtension(_app, p) {
    Object.assign(p.data, { days: p.inp.days, reason: p.inp.reason });
  },
  approveExtension(app, p) {
    const { agency, cal, t } = p;
    const req = [...p.ledger0].reverse().find((e) => e.kind === 'extension_requested');
    Object.assign(p.data, { days: req?.data?.days, reason: req?.data?.reason, note: p.inp.note ?? null });
    p.sides.push(async (trx, row, seq, ledger) => {
      const after = clockOf(ledger, cal, t, app.settings);
      await p.letter('extension_notice', () => ({ 延期理由: String(req?.data?.reason ?? ''), 延长工作日: String(req?.data?.days ?? ''), 延期后答复期限: after.dueDate ? dateZh(after.dueDate) : null }))(trx, row, seq, ledger);
      await app.notifyApplicant(trx, row, agency, 'extension', '延期答复告知',
        `因${String(req?.data?.reason ?? '')}，经政府信息公开工作机构负责人同意，答复期限延长${String(req?.data?.days ?? '')}个工作日${after.dueDate ? `，至${dateZh(after.dueDate)}` : ''}（《中华人民共和国政府信息公开条例》第三十三条第二款）。`);
    });
  },
  rejectExtension(_app, p) {
    p.data.note = p.inp.note ?? null;
  },
} satisfies Partial<Record<Action, ActionStep>>;
