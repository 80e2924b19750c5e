// 答复 (第三十六条): the officer drafts the reply (outcome, reasons), the reviewer approves it — which issues the
// 答复书 and tells the applicant — or returns it for changes.
import { OUTCOME_FAMILY_LABELS, outcomeAllowed, outcomeDef, pendingReply, replyKindFor, type OutcomeCode } from '../../core/applications/index.ts';
import { validationFailed } from '../shared/errors.ts';
import { dateZh } from './applications.context.ts';
import type { Action } from '../../core/applications/index.ts';
import type { ActionStep } from './applications.act.ts';

export const replySteps = {
  reply(_app, p) {
    const { inp } = p;
    const outcome = inp.outcome as OutcomeCode;
    const ok = outcomeAllowed(outcome, p.ledger0);
    if (!ok.ok) throw validationFailed([{ field: 'outcome', message: ok.reason }]);
    const d = outcomeDef(outcome);
    if (d.reasonsRequired && !inp.reasons) throw validationFailed([{ field: 'reasons', message: `请填写理由：“${d.label}”的答复必须说明理由` }]);
    Object.assign(p.data, { outcome, reasons: inp.reasons ?? null, otherAgency: inp.otherAgency ?? null });
  },
  approveReply(app, p) {
    const { ledger0, agency, actor } = p;
    const pr = pendingReply(ledger0)!;
    const outcome = pr.data!.outcome as OutcomeCode;
    const d = outcomeDef(outcome);
    Object.assign(p.data, { outcome, note: p.inp.note ?? null, draftSeq: ledger0.indexOf(pr) + 1 });
    p.patch.outcome = outcome;
    p.sides.push(async (trx, row, seq) => {
      const on = p.on;
      await app.letters.issue(trx, {
        applicationId: row.id, agencyId: row.agency_id, agencyShortName: agency.shortName, kind: replyKindFor(d.family),
        values: app.replyValues(row, agency, outcome, (pr.data?.reasons as string | null) ?? null, (pr.data?.otherAgency as string | null) ?? null, on),
        issuedOn: on, eventSeq: seq, actorUserId: actor.userId,
      });
      await app.notifyApplicant(trx, row, agency, 'reply', '您的政府信息公开申请已答复',
        `${agency.name}已于${dateZh(on)}对您的政府信息公开申请作出答复：${OUTCOME_FAMILY_LABELS[d.family]}。答复书将按您选择的方式送达。`);
    });
  },
  returnReply(_app, p) {
    p.data.note = p.inp.note;
  },
} satisfies Partial<Record<Action, ActionStep>>;
