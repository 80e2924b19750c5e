// 答复 (第三十六条): the officer drafts the reply (outcome, reasons), the reviewer approves it — which issues the
// 答复书 and tells the applicant — or returns it for changes.
import { OUTCOME_FAMILY_LABELS, outcomeAllowed, outcomeDef, pendingReply, replyKindFor, type OutcomeCode } from '../../core/applications/index.ts';
import { nowIso } from '../../db/dialect.ts';
import { validationFailed } from '../shared/errors.ts';
import { freezeDisclosures, insertDisclosure, publishedCatalogueItems } from './applications.repository.ts';
import { dateZh } from './applications.context.ts';
import type { Action } from '../../core/applications/index.ts';
import { ATTACHMENT_FIELD } from '../personal-data/personal-data.service.ts';
import type { ActionStep } from './applications.act.ts';
import { redactionUseCases } from './applications.redaction.ts';
import { statementFromLines } from '../../core/redaction/index.ts';

export const replySteps = {
  async reply(app, p) {
    const { inp } = p;
    const outcome = inp.outcome as OutcomeCode;
    const ok = outcomeAllowed(outcome, p.ledger0);
    if (!ok.ok) throw validationFailed([{ field: 'outcome', message: ok.reason }]);
    const d = outcomeDef(outcome);
    if (d.reasonsRequired && !inp.reasons) throw validationFailed([{ field: 'reasons', message: `请填写理由：“${d.label}”的答复必须说明理由` }]);
    Object.assign(p.data, { outcome, reasons: inp.reasons ?? null, otherAgency: inp.otherAgency ?? null });
    // The information disclosed with the reply (条例第四十条: 提供政府信息): files, checked like the application
    // form's, and links to published catalogue items. Only a 予以公开 / 部分公开 reply provides information.
    const uploads = ((inp.attachments as { filename: string; contentBase64: string }[] | undefined) ?? []).map((a) => ({ filename: a.filename, data: Buffer.from(a.contentBase64, 'base64') }));
    const itemIds = [...new Set((inp.catalogueItemIds as number[] | undefined) ?? [])];
    if ((uploads.length || itemIds.length) && d.family !== 'disclose' && d.family !== 'partial') {
      throw validationFailed([{ field: uploads.length ? 'attachments' : 'catalogueItemIds', message: `“${d.label}”的答复不提供政府信息，不能附加公开的文件或目录信息` }]);
    }
    const files = await app.checkFiles(uploads, 'disclosure');
    const items = await publishedCatalogueItems(app.db, itemIds);
    const missing = itemIds.filter((id) => !items.some((i) => i.id === id));
    if (missing.length) throw validationFailed([{ field: 'catalogueItemIds', message: `找不到已公开的目录信息（编号 ${missing.join('、')}）：只能关联已经发布的主动公开信息` }]);
    if (files.length || items.length) p.data.disclosed = { files: files.map((f) => ({ filename: f.filename, size: f.data.length })), catalogueItemIds: items.map((i) => i.id) };
    const at = nowIso(app.clock);
    p.sides.push(async (trx, row, seq) => {
      for (const f of files) {
        await insertDisclosure(trx, { agency_id: row.agency_id, application_id: row.id, draft_seq: seq, letter_id: null, kind: 'file', title: f.filename.replace(/\.[A-Za-z0-9]{1,5}$/, ''), filename: f.filename, mime: f.mime, size: f.data.length,
          content_base64: app.cipher.sealBytes(ATTACHMENT_FIELD, f.data), catalogue_item_id: null, frozen_at: null, created_at: at, created_by: p.actor.userId });
      }
      for (const i of items) {
        await insertDisclosure(trx, { agency_id: row.agency_id, application_id: row.id, draft_seq: seq, letter_id: null, kind: 'catalogue', title: i.title ?? `目录信息 ${i.id}`, filename: null, mime: null, size: null,
          content_base64: null, catalogue_item_id: i.id, frozen_at: null, created_at: at, created_by: p.actor.userId });
      }
    });
  },
  async approveReply(app, p) {
    const { ledger0, agency, actor } = p;
    const pr = pendingReply(ledger0)!;
    const outcome = pr.data!.outcome as OutcomeCode;
    const d = outcomeDef(outcome);
    const draftSeq = ledger0.indexOf(pr) + 1;
    Object.assign(p.data, { outcome, note: p.inp.note ?? null, draftSeq });
    // 区分处理 (第三十七条): every disclosed file gets its redacted copy (the only one delivered), and the letter's
    // 区分处理说明 is generated from the same stored redactions (decision 120)
    const { statementLines } = await redactionUseCases(app).prepareApproval(p.row0.agency_id, p.row0.id, draftSeq);
    const statement = statementFromLines(statementLines);
    p.patch.outcome = outcome;
    p.sides.push(async (trx, row, seq) => {
      const on = p.on;
      const letter = await app.letters.issue(trx, {
        applicationId: row.id, agencyId: row.agency_id, agencyShortName: agency.shortName, kind: replyKindFor(d.family),
        values: app.replyValues(row, agency, outcome, [(pr.data?.reasons as string | null) ?? null, statement].filter(Boolean).join('\n\n') || null, (pr.data?.otherAgency as string | null) ?? null, on),
        issuedOn: on, eventSeq: seq, actorUserId: actor.userId,
      });
      // the approved draft's files and links are frozen with the letter: later drafts cannot change them
      await freezeDisclosures(trx, row.agency_id, row.id, ledger0.indexOf(pr) + 1, letter.id, nowIso(app.clock));
      await app.notifyApplicant(trx, row, agency, 'reply', '您的政府信息公开申请已答复',
        `${agency.name}已于${dateZh(on)}对您的政府信息公开申请作出答复：${OUTCOME_FAMILY_LABELS[d.family]}。答复书将按您选择的方式送达。`);
    });
  },
  returnReply(_app, p) {
    p.data.note = p.inp.note;
  },
} satisfies Partial<Record<Action, ActionStep>>;
