// Taking a case on: 确认收到 an online application (第三十一条第三项: the receipt date is the day both sides
// confirm) and assigning the officer who handles it.
import { receiptDate } from '../../core/deadlines/index.ts';
import { validationFailed } from '../shared/errors.ts';
import { findUser } from './applications.repository.ts';
import { dateZh } from './applications.context.ts';
import type { Action } from '../../core/applications/index.ts';
import type { ActionStep } from './applications.act.ts';

export const receiptSteps = {
  confirmReceipt(app, p) {
    const { row0, agency } = p;
    p.on = p.pick('receivedOn') ?? p.t;
    app.checkDate(p.on, p.lastOn, 'receivedOn');
    // 第三十一条第三项: 互联网渠道 — 以双方确认之日为收到申请之日.
    const r = receiptDate(row0.channel, { submittedOn: row0.submitted_on, confirmedOn: p.on });
    Object.assign(p.data, { receivedOn: r.date, basis: r.basis, channel: row0.channel });
    p.patch.received_on = r.date;
    p.sides.push(p.letter('receipt', () => ({ 收到日期: dateZh(r.date) })));
    p.sides.push(async (trx, row) => app.notifyApplicant(trx, { ...row, received_on: r.date }, agency, 'receipt', '已收到您的政府信息公开申请',
      `${agency.name}已于${dateZh(r.date)}确认收到您的政府信息公开申请（《中华人民共和国政府信息公开条例》第三十一条）。本机关将在收到申请之日起20个工作日内答复。`));
  },
  async assign(app, p) {
    const uid = Number(p.inp.userId);
    const u = await findUser(app.db, uid);
    if (!u || u.agency_id !== p.row0.agency_id || !['officer', 'leader'].includes(u.role)) throw validationFailed([{ field: 'userId', message: '请选择本机关的经办人' }]);
    Object.assign(p.data, { userId: uid, name: u.display_name });
    p.patch.assigned_user_id = uid;
  },
} satisfies Partial<Record<Action, ActionStep>>;
