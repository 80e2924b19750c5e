// 好差评 use cases: ratings (public submission within the rating window, once per 办件 and channel, the status page
// by receipt code), the 办件 register, settings, statistics and the published summary. The 差评 work orders
// (evaluations.orders.ts) and the suggestions ledger (evaluations.suggestions.ts) are use-case modules behind the
// same interface. Raters' names and phones are sealed like applicants' data and shown in full only to the
// handling unit (core/personal-data policy, decision 060).
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { nowIso, toJson, fromJson } from '../../db/dialect.ts';
import type { Calendar } from '../../core/calendar/types.ts';
import {
  CHANNEL_LABELS, CLASS_LABELS, DEFAULT_SETTINGS, LEVEL_LABELS, ORDER_STATE_LABELS, TARGET_LABELS, isBad, onceKey, ratingWindow, settingProblem,
  summarise, type Channel, type EvaluationSettings, type Level, type OrderClass, type OrderState, type Summary, type TargetType,
} from '../../core/evaluations/index.ts';
import { MASK, maskName, seesPersonalData } from '../../core/personal-data/index.ts';
import type { AgenciesService, Agency } from '../agencies/agencies.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { PersonalDataCipher } from '../personal-data/personal-data.crypto.ts';
import { RATER_NAME_FIELD, RATER_PHONE_FIELD } from '../personal-data/personal-data.service.ts';
import { assertNotAdmin, assertRole, assertVisible, listScope, type Actor } from '../shared/actor.ts';
import { AppError, notFound, validationFailed } from '../shared/errors.ts';
import { legalDateOf } from '../shared/legal-date.ts';
import * as repo from './evaluations.repository.ts';
import type { SubmitEvaluationInput } from './evaluations.schema.ts';
import { createOrderUseCases, type OrderUseCases } from './evaluations.orders.ts';
import { createSuggestionUseCases, type SuggestionUseCases } from './evaluations.suggestions.ts';
import { computeStatistics, type Statistics } from './evaluations.stats.ts';
import { seedEvaluations2019 } from './evaluations.demo.ts';
import { importRatings, type ImportResult } from './evaluations.import.ts';
import type { AuditActor } from '../audit/audit.service.ts';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newCode(prefix: string): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${prefix}${s}`;
}

export interface EvaluationDeps {
  audit: AuditService;
  agencies: Pick<AgenciesService, 'get' | 'getByCreditCode' | 'list'>;
  calendar: () => Promise<Calendar>;
  cipher: PersonalDataCipher;
  clock?: () => Date;
}

export type EvaluationView = {
  id: number;
  agencyId: number;
  agencyName: string;
  receiptCode: string;
  level: number;
  levelLabel: string;
  bad: boolean;
  channel: string;
  channelLabel: string;
  targetType: string;
  targetLabel: string;
  targetRef: string | null;
  serviceItemCode: string | null;
  comment: string | null;
  indicators: Record<string, number> | null;
  realName: boolean;
  raterName: string | null;
  raterPhone: string | null;
  ratedOn: string;
  orderId: number | null;
};

export type ReturnVisitView = {
  id: number; agencyName: string; visitedOn: string; visitor: string; method: string; said: string | null;
  evaluationId: number | null; receiptCode: string | null; level: number | null; ratedOn: string; orderId: number | null;
};

export type PublicRatingStatus = {
  receiptCode: string;
  agencyName: string;
  ratedOn: string;
  levelLabel: string;
  targetLabel: string;
  bad: boolean;
  order: null | { stateLabel: string; classificationLabel: string | null; dueOn: string | null; feedback: string | null; feedbackOn: string | null; closedOn: string | null };
};

export type EvaluationSummary = Summary & {
  agency: string;
  year: number;
  formula: string;
};

export interface EvaluationsService extends OrderUseCases, SuggestionUseCases {
  today(): string;
  settings(): Promise<EvaluationSettings>;
  updateSettings(actor: Actor, patch: Partial<EvaluationSettings>): Promise<EvaluationSettings>;
  /** public: a rating (honeypot, rating window, once per 办件 and channel) → receipt code; a 差评 opens its work order */
  submit(input: SubmitEvaluationInput, opts?: { ratedOn?: string; auditName?: string }): Promise<{ receiptCode: string; bad: boolean }>;
  status(code: string): Promise<PublicRatingStatus>;
  registerCase(actor: Actor, input: { caseNumber: string; serviceItemCode?: string | null | undefined; serviceItemName?: string | null | undefined; concludedOn?: string | null | undefined }): Promise<{ id: number; caseNumber: string; lastRatingDay: string | null }>;
  list(actor: Actor, f: Omit<repo.EvaluationFilter, 'agencyIds'> & { agencyId?: number | undefined }, page: { page: number; pageSize: number }): Promise<{ evaluations: EvaluationView[]; total: number; page: number; pageSize: number }>;
  get(actor: Actor, id: number): Promise<EvaluationView>;
  /** public figures of one agency and year (getEvaluationSummary) */
  summary(creditCode: string, year: number): Promise<EvaluationSummary>;
  /** The year's figures of each unit with ratings, suggestions or visits (null: every unit), for the annual report. */
  yearSummaries(agencyIds: readonly number[] | null, year: number): Promise<Map<number, Summary>>;
  /** Return visits (回访) by visit day, within the actor's scope; what the rater said, never who the rater is. */
  listReturnVisits(actor: Actor, q: { from?: string | undefined; to?: string | undefined; agencyId?: number | undefined }, page: { page: number; pageSize: number }): Promise<{ items: ReturnVisitView[]; total: number; page: number; pageSize: number }>;
  statistics(actor: Actor, q: { agencyId?: number | undefined; from: string; to: string }): Promise<Statistics>;
  /** the agency of a public page (by credit code), or 404 */
  agencyByCode(code: string): Promise<Agency>;
  /** bulk import of device / provincial-platform exports (header row first): dry run, idempotent by source id (evaluations.import.ts) */
  importRatings(grid: readonly (readonly string[])[], opts?: { dryRun?: boolean; actor?: AuditActor; onProgress?: (done: number, total: number) => void }): Promise<ImportResult>;
  /** demo seed: the reference agency's 2019 year from individual records (evaluations.demo.ts) */
  seedDemo2019(agencyId: number): Promise<{ seeded: boolean; ratings: number; visits: number; suggestions: number }>;
}

export function createEvaluationsService(db: Kysely<Database>, deps: EvaluationDeps): EvaluationsService {
  const clock = deps.clock ?? (() => new Date());
  const today = () => legalDateOf(clock());
  const { cipher, audit } = deps;

  async function settings(): Promise<EvaluationSettings> {
    const raw = await repo.readSettings(db);
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const [k, v] of Object.entries(raw)) {
      if (!(k in DEFAULT_SETTINGS)) continue;
      out[k] = k === 'satisfactionFormula' ? v : Number(v);
    }
    return out as unknown as EvaluationSettings;
  }

  const names = new Map<number, string>();
  async function agencyName(id: number): Promise<string> {
    if (!names.has(id)) names.set(id, (await deps.agencies.get(id))?.name ?? '');
    return names.get(id)!;
  }

  async function agencyByCode(code: string): Promise<Agency> {
    const a = await deps.agencies.getByCreditCode(code.trim().toUpperCase());
    if (!a) throw notFound('找不到该机构，请核对统一社会信用代码');
    return a;
  }

  function present(r: repo.EvaluationRow, agency: string, viewer: Actor | null, orderId: number | null): EvaluationView {
    const full = viewer !== null && seesPersonalData(viewer.role);
    const name = cipher.open(RATER_NAME_FIELD, r.rater_name);
    const phone = cipher.open(RATER_PHONE_FIELD, r.rater_phone);
    return {
      id: r.id, agencyId: r.agency_id, agencyName: agency, receiptCode: r.receipt_code, level: r.level, levelLabel: LEVEL_LABELS[r.level as Level] ?? String(r.level),
      bad: isBad(r.level), channel: r.channel, channelLabel: CHANNEL_LABELS[r.channel as Channel] ?? r.channel, targetType: r.target_type,
      targetLabel: TARGET_LABELS[r.target_type as TargetType] ?? r.target_type, targetRef: r.target_ref, serviceItemCode: r.service_item_code, comment: r.comment,
      indicators: fromJson<Record<string, number>>(r.indicators_json), realName: r.real_name === 1,
      raterName: name ? (full ? name : maskName(name)) : null, raterPhone: phone ? (full ? phone : MASK) : null, ratedOn: r.rated_on, orderId,
    };
  }

  const orders = createOrderUseCases(db, { ...deps, settings, today, agencyName, clock });
  const suggestions = createSuggestionUseCases(db, { ...deps, settings, today, agencyName, agencyByCode, clock });

  async function uniqueReceipt(): Promise<string> {
    for (;;) {
      const c = newCode('PJ');
      if (!(await repo.receiptExists(db, c))) return c;
    }
  }

  return {
    ...orders,
    ...suggestions,
    today,
    settings,
    agencyByCode,
    seedDemo2019: (agencyId) => seedEvaluations2019(db, agencyId, clock),
    importRatings: (grid, opts) => importRatings(db, {
      audit, cipher, settings, today, clock, calendar: deps.calendar, nameField: RATER_NAME_FIELD, phoneField: RATER_PHONE_FIELD,
      agencyIdsByCodes: (codes) => repo.agencyIdsByCodes(db, codes),
    }, grid, opts),
    async updateSettings(actor, patch) {
      assertRole(actor, 'admin');
      const problems = Object.entries(patch).filter(([, v]) => v !== undefined).map(([k, v]) => ({ field: k, message: settingProblem(k as keyof EvaluationSettings, v) })).filter((p) => p.message);
      if (problems.length) throw validationFailed(problems as { field: string; message: string }[]);
      const before = await settings();
      const at = nowIso(clock);
      await db.transaction().execute(async (trx) => {
        for (const [k, v] of Object.entries(patch)) if (v !== undefined) await repo.writeSetting(trx, k, String(v), at);
        await audit.record(trx, { actor, agencyId: null, action: 'evaluation.settings', entity: 'evaluation_settings', entityId: null, before, after: { ...before, ...patch } });
      });
      return settings();
    },
    async submit(input, opts = {}) {
      const agency = await deps.agencies.getByCreditCode(input.agency.toUpperCase());
      if (!agency) throw validationFailed([{ field: 'agency', message: '找不到被评价的机构，请核对统一社会信用代码' }]);
      const type = input.target.type as TargetType;
      const raw = input.target.ref?.trim() || null;
      // 办件编号 are matched whatever the case the rater typed (the register stores them upper-case)
      const ref = raw && type === 'case' ? raw.toUpperCase() : raw;
      if (type !== 'agency' && !ref) throw validationFailed([{ field: 'target.ref', message: `请填写${TARGET_LABELS[type]}的${type === 'case' ? '办件编号' : type === 'staff' ? '工号' : type === 'window' ? '名称或编号' : '编码'}` }]);
      if (input.website) {
        // Honeypot filled in: a bot. Answer like a success so it learns nothing; store nothing.
        return { receiptCode: newCode('PJ'), bad: isBad(input.level) };
      }
      const ratedOn = opts.ratedOn ?? today();
      const s = await settings();
      let serviceItem = input.serviceItemCode?.trim() || (type === 'service_item' ? ref : null);
      if (type === 'case') {
        const c = await repo.findCase(db, agency.id, ref!);
        if (!c) throw validationFailed([{ field: 'target.ref', message: `找不到办件编号“${ref}”，请核对办件回执上的编号` }]);
        const w = ratingWindow(c.concluded_on, ratedOn, s.ratingWindowDays, await deps.calendar());
        if (!w.allowed) throw validationFailed([{ field: 'target.ref', message: w.problem! }]);
        serviceItem ??= c.service_item_code;
      }
      const named = Boolean(input.contact?.name && input.contact?.phone);
      const key = onceKey(agency.id, type, ref, input.channel);
      const at = nowIso(clock);
      const code = await uniqueReceipt();
      const bad = isBad(input.level);
      // read before the transaction: on SQLite a query outside it would wait for its single connection
      const calendar = await deps.calendar();
      try {
        await db.transaction().execute(async (trx) => {
          const id = await repo.insertEvaluation(trx, {
            agency_id: agency.id, receipt_code: code, level: input.level, channel: input.channel, target_type: type, target_ref: ref, service_item_code: serviceItem,
            comment: input.comment ?? null, indicators_json: input.indicators ? toJson(input.indicators) : null, real_name: named ? 1 : 0,
            rater_name: named ? cipher.seal(RATER_NAME_FIELD, input.contact!.name) : null, rater_phone: named ? cipher.seal(RATER_PHONE_FIELD, input.contact!.phone) : null,
            phone_hash: named ? cipher.hash('phone', input.contact!.phone) : null, rated_on: ratedOn, created_at: at, once_key: key, source_id: null,
          });
          // 51号: 每个差评都得到整改 — a 差评 opens its work order at once, in the handling unit's queue.
          if (bad) await orders.open(trx, { evaluationId: id, agencyId: agency.id, openedOn: ratedOn, at, settings: s, calendar });
          await audit.record(trx, { actor: { userId: null, displayName: opts.auditName ?? '评价人（在线评价）' }, agencyId: agency.id, action: 'evaluation.submit', entity: 'evaluation', entityId: id, after: { receiptCode: code, level: input.level, channel: input.channel, target: type, realName: named } });
        });
      } catch (e) {
        if (key && (await repo.knownOnceKeys(db, [key])).has(key)) {
          throw new AppError('duplicate', { title: '该办件已经评价过', detail: `办件“${ref}”已经通过“${CHANNEL_LABELS[input.channel]}”评价过，每个办件每个渠道只能评价一次。如需反映问题，请使用“意见建议”。`, fieldErrors: [{ field: 'target.ref', message: '该办件已通过此渠道评价过，每个办件每个渠道只能评价一次' }] });
        }
        throw e;
      }
      return { receiptCode: code, bad };
    },
    async status(code) {
      const r = await repo.findByReceipt(db, code.trim().toUpperCase());
      if (!r) throw notFound('没有找到该回执码的评价，请核对回执码');
      const o = await repo.orderOfEvaluation(db, r.id);
      return {
        receiptCode: r.receipt_code, agencyName: await agencyName(r.agency_id), ratedOn: r.rated_on, levelLabel: LEVEL_LABELS[r.level as Level] ?? String(r.level),
        targetLabel: `${TARGET_LABELS[r.target_type as TargetType] ?? r.target_type}${r.target_ref ? ` ${r.target_ref}` : ''}`, bad: isBad(r.level),
        order: o ? {
          stateLabel: ORDER_STATE_LABELS[o.state as OrderState] ?? o.state, classificationLabel: o.classification ? CLASS_LABELS[o.classification as OrderClass] : null,
          dueOn: o.due_on, feedback: o.feedback, feedbackOn: o.feedback_on, closedOn: o.closed_on,
        } : null,
      };
    },
    async registerCase(actor, input) {
      assertNotAdmin(actor, '登记办件');
      assertRole(actor, 'officer', 'leader');
      if (input.concludedOn && input.concludedOn > today()) throw validationFailed([{ field: 'concludedOn', message: '办结日期不能晚于今天' }]);
      const id = await db.transaction().execute(async (trx) => {
        const id = await repo.upsertCase(trx, { agency_id: actor.agencyId, case_number: input.caseNumber.trim().toUpperCase(), service_item_code: input.serviceItemCode ?? null, service_item_name: input.serviceItemName ?? null, concluded_on: input.concludedOn ?? null, created_at: nowIso(clock) });
        await audit.record(trx, { actor, agencyId: actor.agencyId, action: 'evaluation.case', entity: 'evaluation_case', entityId: id, after: input });
        return id;
      });
      const s = await settings();
      const cal = await deps.calendar();
      return { id, caseNumber: input.caseNumber.trim().toUpperCase(), lastRatingDay: input.concludedOn ? cal.addWorkdays(input.concludedOn, s.ratingWindowDays) : null };
    },
    async list(actor, { agencyId, ...f }, page) {
      const filter = { ...f, agencyIds: listScope(actor, agencyId) };
      const [rows, total] = await Promise.all([repo.listEvaluations(db, filter, page.pageSize, (page.page - 1) * page.pageSize), repo.countEvaluations(db, filter)]);
      const out: EvaluationView[] = [];
      for (const r of rows) out.push(present(r, await agencyName(r.agency_id), actor, null));
      return { evaluations: out, total, page: page.page, pageSize: page.pageSize };
    },
    async get(actor, id) {
      const r = await repo.findEvaluation(db, id);
      if (!r) throw notFound();
      assertVisible(actor, r.agency_id);
      const o = await repo.orderOfEvaluation(db, r.id);
      return present(r, await agencyName(r.agency_id), actor, o?.id ?? null);
    },
    async summary(creditCode, year) {
      const agency = await agencyByCode(creditCode);
      const s = await settings();
      const st = await computeStatistics(db, { agencyIds: [agency.id], from: `${year}-01-01`, to: `${year}-12-31`, today: today(), settings: s });
      return { agency: agency.name, year, formula: st.formula, ...summarise(st.input, s) };
    },
    async yearSummaries(agencyIds, year) {
      const st = await computeStatistics(db, { agencyIds, from: `${year}-01-01`, to: `${year}-12-31`, today: today(), settings: settings(), unitsOnly: true });
      return new Map(st.units.map(({ agencyId, overdueOrders: _overdue, ...figures }) => [agencyId, figures]));
    },
    async listReturnVisits(actor, q, page) {
      const f = { agencyIds: listScope(actor, q.agencyId), from: q.from, to: q.to };
      const [rows, total] = await Promise.all([repo.listVisits(db, f, page.pageSize, (page.page - 1) * page.pageSize), repo.countVisits(db, f)]);
      const items: ReturnVisitView[] = [];
      for (const r of rows) {
        items.push({ id: r.id, agencyName: await agencyName(r.agency_id), visitedOn: r.visited_on, visitor: r.visitor, method: r.method, said: r.said, evaluationId: r.evaluation_id, receiptCode: r.receipt_code, level: r.level, ratedOn: r.rated_on, orderId: r.order_id });
      }
      return { items, total, ...page };
    },
    async statistics(actor, q) {
      if (q.from > q.to) throw validationFailed([{ field: 'to', message: '结束日期不能早于开始日期' }]);
      let ids: readonly number[] | null = actor.role === 'admin' ? null : actor.visibleAgencyIds;
      if (q.agencyId) {
        assertVisible(actor, q.agencyId);
        ids = [q.agencyId];
      }
      return computeStatistics(db, { agencyIds: ids, from: q.from, to: q.to, today: today(), settings: await settings() });
    },
  };
}

