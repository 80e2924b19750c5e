// 征求意见 (第三十二条 third parties, 第三十四条 co-producing agencies): the letter asking for an opinion
// within 15 working days, and the answer (or its absence) ending the consultation.
import { dateZh } from './applications.context.ts';
import type { Action } from '../../core/applications/index.ts';
import type { ActionStep } from './applications.act.ts';

export const consultationSteps = {
  startConsultation(app, p) {
    const { inp } = p;
    p.on = p.pick('sentOn') ?? p.t;
    app.checkDate(p.on, p.lastOn, 'sentOn');
    Object.assign(p.data, { partyType: inp.partyType, party: inp.party, matter: inp.matter });
    // 第三十二条 / 第三十四条: 15 个工作日内提出意见.
    const cap = p.cal.addWorkdays(p.on, app.settings.consultationWorkdays);
    p.sides.push(p.letter('consultation_letter', () => ({ 征求对象: inp.party as string, 征求事项: inp.matter as string, 意见期限: dateZh(cap) })));
  },
  endConsultation(app, p) {
    const { inp, t } = p;
    const cap = p.c.consultationCap;
    const given = p.pick('answeredOn');
    p.on = given ?? (inp.opinion === 'no_answer' && cap && cap < t ? cap : t);
    app.checkDate(p.on, p.lastOn, 'answeredOn');
    Object.assign(p.data, { opinion: inp.opinion, note: inp.note ?? null, cap });
    if (cap && p.on > cap) p.warnings.push(`意见在征求意见期限（${cap}，15个工作日）之后收到：超出的时间计入答复期限（条例第三十二条、第三十四条）`);
  },
} satisfies Partial<Record<Action, ActionStep>>;
