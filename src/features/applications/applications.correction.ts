// 补正 (第三十条): asking the applicant to complete an unclear application within a reasonable period, the
// completed application coming back, and the request lapsing when nothing comes back in time.
import { validationFailed } from '../shared/errors.ts';
import { dateZh } from './applications.context.ts';
import type { Action } from '../../core/applications/index.ts';
import type { ActionStep } from './applications.act.ts';

export const correctionSteps = {
  requestCorrection(app, p) {
    const { settings } = app;
    const { inp, agency } = p;
    const period = (inp.periodWorkdays as number | undefined) ?? settings.correctionPeriodWorkdays;
    // 第三十条: a reasonable period — at most the configured maximum (the reply clock waits for the 补正).
    if (period > settings.maxCorrectionPeriodWorkdays) throw validationFailed([{ field: 'periodWorkdays', message: `补正期限不能超过${settings.maxCorrectionPeriodWorkdays}个工作日（条例第三十条：合理的补正期限；上限由本机关设置）` }]);
    const items = inp.items as string[];
    Object.assign(p.data, { items, periodWorkdays: period });
    const due = p.cal.addWorkdays(p.on, period);
    p.sides.push(p.letter('correction_notice', () => ({ 补正事项: items.map((x, i) => `${i + 1}. ${x}`).join('\n'), 补正期限: dateZh(due) })));
    p.sides.push(async (trx, row) => app.notifyApplicant(trx, row, agency, 'correction', '请补正您的政府信息公开申请',
      `您的申请内容不明确，需要补正（《中华人民共和国政府信息公开条例》第三十条）。需要补正的事项：\n${items.map((x, i) => `${i + 1}. ${x}`).join('\n')}\n请于${dateZh(due)}前补正。无正当理由逾期不补正的，视为放弃申请。`));
  },
  recordCorrection(app, p) {
    p.on = p.pick('receivedOn') ?? p.t;
    app.checkDate(p.on, p.lastOn, 'receivedOn');
    if (p.inp.note) p.data.note = p.inp.note;
  },
  lapseCorrection(_app, p) {
    Object.assign(p.data, { correctionDueDate: p.c.applicantDue });
    p.patch.outcome = 'other_correction_lapsed';
  },
} satisfies Partial<Record<Action, ActionStep>>;
