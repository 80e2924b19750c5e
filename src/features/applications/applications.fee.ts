// 信息处理费 (条例第四十二条, 国办函〔2020〕109号): the fee notice (按件 by the applicant's count in the month,
// 按量 by pages), the payment and the lapse when the fee is not paid in time.
import { nowIso } from '../../db/dialect.ts';
import { feeNoticeProblems, nthInMonth, quoteFee } from '../../core/applications/index.ts';
import { AppError, validationFailed } from '../shared/errors.ts';
import { insertFee, markFeePaid } from './applications.repository.ts';
import { dateZh } from './applications.context.ts';
import type { Action } from '../../core/applications/index.ts';
import type { ActionStep } from './applications.act.ts';

export const feeSteps = {
  async issueFeeNotice(app, p) {
    const { inp, row0, agency } = p;
    const method = inp.method as 'per_item' | 'per_page';
    const feeProblems = feeNoticeProblems({ method, pages: inp.pages as number | undefined, maxPages: app.maxFeePages, waiverRequested: row0.fee_waiver_requested === 1, waiverRefusedReason: (inp.waiverRefusedReason as string | null | undefined) ?? null });
    if (feeProblems.length) throw validationFailed(feeProblems);
    if (inp.waiverRefusedReason) p.data.waiverRefusedReason = inp.waiverRefusedReason;
    let quote;
    let nth: number | null = null;
    if (method === 'per_item') {
      const same = await app.applicantApplications(app.db, row0);
      nth = nthInMonth({ id: row0.id, receivedOn: row0.received_on! }, same.map((s) => ({ id: s.id, receivedOn: s.received_on })));
      quote = quoteFee({ method, nthInMonth: nth });
    } else {
      quote = quoteFee({ method, pages: inp.pages as number });
    }
    if (quote.amount === 0) throw new AppError('conflict', { title: '无需收费', detail: `${quote.explanation}。免费的申请不发收费通知（条例第四十二条：原则上不收费）。` });
    const on = p.on;
    const dueOn = p.cal.addWorkdays(on, app.settings.feePaymentWorkdays);
    Object.assign(p.data, { method, amount: quote.amount, explanation: quote.explanation, nthInMonth: nth, pages: inp.pages ?? null, dueOn });
    p.sides.push(async (trx, row) => {
      await insertFee(trx, { agency_id: row.agency_id, application_id: row.id, method, nth_in_month: nth, pages: (inp.pages as number | undefined) ?? null, amount: quote.amount, explanation: quote.explanation, notice_on: on, due_on: dueOn, paid_on: null, created_at: nowIso(app.clock) });
    });
    p.sides.push(p.letter('fee_notice', () => ({ 收费方式: method === 'per_item' ? '按件计收' : '按量计收', 收费金额: String(quote.amount), 计费说明: quote.explanation, 缴费期限: dateZh(dueOn) })));
    p.sides.push(async (trx, row) => app.notifyApplicant(trx, row, agency, 'fee', '信息处理费收费通知', `${quote.explanation}。应缴金额${quote.amount}元，请于${dateZh(dueOn)}前缴纳。逾期未缴纳的，本机关不再处理您的申请。`));
  },
  recordPayment(app, p) {
    p.on = p.pick('paidOn') ?? p.t;
    app.checkDate(p.on, p.lastOn, 'paidOn');
    const on = p.on;
    p.sides.push(async (trx, row) => markFeePaid(trx, row.agency_id, row.id, on));
  },
  lapseFee(_app, p) {
    p.patch.outcome = 'other_fee_unpaid';
  },
} satisfies Partial<Record<Action, ActionStep>>;
