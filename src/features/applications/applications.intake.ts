// Applications coming in: the public online form (submit), the public status lookup (query code + phone)
// and registration by an officer of an application received on paper, by letter, fax or in person.
import { nowIso, toJson } from '../../db/dialect.ts';
import { OUTCOME_FAMILY_LABELS, STATE_LABELS, outcomeDef, receiptDateOf, type AppState, type OutcomeCode } from '../../core/applications/index.ts';
import { receiptDate, ReceiptError } from '../../core/deadlines/index.ts';
import type { AuditActor } from '../audit/audit.service.ts';
import { assertNotAdmin } from '../shared/actor.ts';
import { AppError, notFound, validationFailed, type FieldError } from '../shared/errors.ts';
import { appendEvent, findUser, insertApplication, insertAttachment, listEvents } from './applications.repository.ts';
import { ATTACHMENT_FIELD } from '../personal-data/personal-data.service.ts';
import { dateZh, digits, newQueryCode, toLedger, type AppContext } from './applications.context.ts';
import { detail } from './applications.detail.ts';
import { disclosureUseCases } from './applications.disclosure.ts';
import type { ApplicationsService } from './applications.service.ts';

export function intakeUseCases(app: AppContext): Pick<ApplicationsService, 'submit' | 'status' | 'register' | 'statusDownload'> {
  const { db, audit, agencies, letters, cipher, clock, today, calendar, checkFiles, applicantColumns, uniqueCode, findApplication, findByQueryCode, clockFor, syncClock, notifyApplicant, afterCommit } = app;
  const disclosure = disclosureUseCases(app);
  return {
    async submit(input, files = []) {
      const agency = await agencies.getByCreditCode(input.agency.toUpperCase());
      if (!agency) throw validationFailed([{ field: 'agency', message: '找不到该受理机关，请从政府信息公开指南中确认机关的统一社会信用代码' }]);
      if (input.website) {
        // Honeypot filled in: a bot. Answer like a success so it learns nothing; store nothing.
        return { queryCode: newQueryCode(), submittedOn: today(), agencyName: agency.name, id: null };
      }
      const checked = await checkFiles(files);
      const on = today();
      const at = nowIso(clock);
      const provide = input.provideForm ?? input.delivery!;
      const obtain = input.obtainMethod ?? (provide === '电子邮件' ? '电子邮件' : '自行领取');
      const publicActor: AuditActor = { userId: null, displayName: `申请人（在线提交）` };
      const out = await db.transaction().execute(async (trx) => {
        const code = await uniqueCode(trx);
        const id = await insertApplication(trx, {
          agency_id: agency.id, query_code: code, channel: 'online', submitted_on: on, received_on: null,
          ...applicantColumns(input.applicant, input.email), content: input.content, doc_number: input.docNumber ?? null,
          provide_form: provide, obtain_method: obtain, fee_waiver_requested: input.feeWaiver ? 1 : 0, assigned_user_id: null,
          state: 'submitted', outcome: null, outcome_row_2019: null, outcome_row_2021: null, concluded_on: null, created_at: at, updated_at: at,
        });
        await appendEvent(trx, { agency_id: agency.id, application_id: id, kind: 'submitted', on_date: on, at, actor_user_id: null, actor_name: publicActor.displayName, data_json: toJson({ channel: 'online' }) });
        for (const f of checked) {
          await insertAttachment(trx, { agency_id: agency.id, application_id: id, kind: 'identity', filename: f.filename, mime: f.mime, size: f.data.length, content_base64: cipher.sealBytes(ATTACHMENT_FIELD, f.data), created_at: at });
        }
        await audit.record(trx, { actor: publicActor, agencyId: agency.id, action: 'application.submit', entity: 'application', entityId: id, after: { queryCode: code, channel: 'online', attachments: checked.length } });
        return { id, code };
      });
      return { queryCode: out.code, submittedOn: on, agencyName: agency.name, id: out.id };
    },

    async status(code, phone) {
      const row = await findByQueryCode(db, code.trim().toUpperCase());
      // A wrong phone number answers exactly like an unknown code: nothing is revealed.
      if (!row || digits(row.phone) !== digits(phone) || digits(phone).length < 5) throw notFound('没有找到与该查询码和联系电话对应的申请，请核对后重试');
      const ledger = toLedger(await listEvents(db, row.agency_id, row.id));
      const c = await clockFor(ledger);
      const agency = await agencies.get(row.agency_id);
      const ls = await letters.listFor(row.id);
      const state = row.state as AppState;
      const concluded = row.concluded_on !== null;
      return {
        queryCode: row.query_code, agencyName: agency?.name ?? '', state, stateLabel: STATE_LABELS[state],
        submittedOn: row.submitted_on, receivedOn: receiptDateOf(ledger), dueDate: concluded ? null : c.dueDate, provisional: c.result?.provisional ?? false,
        concluded, outcomeLabel: row.outcome ? OUTCOME_FAMILY_LABELS[outcomeDef(row.outcome as OutcomeCode).family] : null,
        ...(await (async () => {
          const links = await disclosure.links(row, ls);
          return {
            letters: ls.map((l, i) => ({ title: l.title, kindLabel: l.kindLabel, number: l.number, issuedOn: l.issuedOn, downloadUrl: links.letters[i]!.url })),
            files: links.files.map((f) => ({ kind: f.kind, title: f.title, filename: f.filename, size: f.size, downloadUrl: f.url })),
          };
        })()),
      };
    },

    statusDownload: (token) => disclosure.download(token),

    async register(actor, input, files = []) {
      assertNotAdmin(actor, '登记各机关的政府信息公开申请');
      if (!['officer', 'leader'].includes(actor.role)) throw new AppError('forbidden', { detail: '只有经办人或负责人可以登记申请' });
      const agency = (await agencies.get(actor.agencyId))!;
      let r: { date: string; basis: string };
      try {
        r = receiptDate(input.channel, { submittedOn: input.submittedOn, signedOn: input.signedOn ?? null, confirmedOn: input.confirmedOn ?? null });
      } catch (e) {
        if (e instanceof ReceiptError) throw validationFailed([{ field: e.field, message: e.message }]);
        throw e;
      }
      const t = today();
      const errs: FieldError[] = [];
      if (input.submittedOn > t) errs.push({ field: 'submittedOn', message: `申请提交日期不能晚于今天（${t}）` });
      if (r.date > t) errs.push({ field: input.channel === 'registered_mail' ? 'signedOn' : 'confirmedOn', message: `收到申请的日期不能晚于今天（${t}）` });
      if (errs.length) throw validationFailed(errs);
      let assignee: number | null = input.assignedUserId ?? (actor.role === 'officer' ? actor.userId : null);
      if (assignee) {
        const u = await findUser(db, assignee);
        if (!u || u.agency_id !== actor.agencyId) assignee = null;
      }
      const checked = await checkFiles(files);
      const at = nowIso(clock);
      const provide = input.provideForm ?? input.delivery!;
      const obtain = input.obtainMethod ?? (provide === '电子邮件' ? '电子邮件' : '自行领取');
      const cal = await calendar(); // read before the transaction (SQLite has one connection)
      const id = await db.transaction().execute(async (trx) => {
        const code = await uniqueCode(trx);
        const id = await insertApplication(trx, {
          agency_id: actor.agencyId, query_code: code, channel: input.channel, submitted_on: input.submittedOn, received_on: r.date,
          ...applicantColumns(input.applicant, input.email), content: input.content, doc_number: input.docNumber ?? null,
          provide_form: provide, obtain_method: obtain, fee_waiver_requested: input.feeWaiver ? 1 : 0, assigned_user_id: assignee,
          state: 'received', outcome: null, outcome_row_2019: null, outcome_row_2021: null, concluded_on: null, created_at: at, updated_at: at,
        });
        const data = { channel: input.channel, receivedOn: r.date, basis: r.basis, submittedOn: input.submittedOn, signedOn: input.signedOn ?? null, confirmedOn: input.confirmedOn ?? null };
        await appendEvent(trx, { agency_id: actor.agencyId, application_id: id, kind: 'registered', on_date: r.date, at, actor_user_id: actor.userId, actor_name: actor.displayName, data_json: toJson(data) });
        for (const f of checked) {
          await insertAttachment(trx, { agency_id: actor.agencyId, application_id: id, kind: 'scan', filename: f.filename, mime: f.mime, size: f.data.length, content_base64: cipher.sealBytes(ATTACHMENT_FIELD, f.data), created_at: at });
        }
        await audit.record(trx, { actor, agencyId: actor.agencyId, action: 'application.register', entity: 'application', entityId: id, after: { queryCode: code, ...data } });
        const row = (await findApplication(trx, id))!;
        await syncClock(trx, row, [{ kind: 'registered', on: r.date, data }], cal);
        await notifyApplicant(trx, row, agency, 'receipt', '已收到您的政府信息公开申请',
          `${agency.name}已收到您的政府信息公开申请，收到申请之日为${dateZh(r.date)}（${r.basis}）。本机关将在收到申请之日起20个工作日内答复。`);
        return id;
      });
      afterCommit();
      return detail(app, actor, (await findApplication(db, id))!);
    },

  };
}
