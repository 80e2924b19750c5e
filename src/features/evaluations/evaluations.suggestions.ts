// The suggestions ledger (意见建议 / 吐槽找茬: “有诉必理、有理必果、及时反馈”): public form and staff entry (意见箱、意见簿、
// 电话、“吐槽找茬”窗口), handling with a result (采纳 / 整改 / 解释说明 / 不予采纳 with reason), reply, a time limit in
// working days, and a public status by query code. Contact data is sealed like applicants' data (decision 060).
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { nowIso } from '../../db/dialect.ts';
import type { Calendar } from '../../core/calendar/types.ts';
import {
  SUGGESTION_CHANNEL_LABELS, SUGGESTION_RESULT_LABELS, SUGGESTION_STATE_LABELS, suggestionDue,
  type EvaluationSettings, type SuggestionChannel, type SuggestionResult, type SuggestionState,
} from '../../core/evaluations/index.ts';
import { MASK, maskName, seesPersonalData } from '../../core/personal-data/index.ts';
import type { Agency } from '../agencies/agencies.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { PersonalDataCipher } from '../personal-data/personal-data.crypto.ts';
import { SUGGESTION_NAME_FIELD as NAME_FIELD, SUGGESTION_PHONE_FIELD as PHONE_FIELD } from '../personal-data/personal-data.service.ts';
import { assertNotAdmin, assertVisible, listScope, type Actor } from '../shared/actor.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../shared/errors.ts';
import type { WorkItem } from '../work/work.service.ts';
import * as repo from './evaluations.repository.ts';
import type { SubmitSuggestionInput } from './evaluations.schema.ts';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newSuggestionCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `JY${s}`;
}

export type SuggestionView = {
  id: number;
  agencyId: number;
  agencyName: string;
  queryCode: string;
  channel: string;
  channelLabel: string;
  content: string;
  contactName: string | null;
  contactPhone: string | null;
  receivedOn: string;
  dueOn: string;
  overdue: boolean;
  state: string;
  stateLabel: string;
  result: string | null;
  resultLabel: string | null;
  resultText: string | null;
  handledOn: string | null;
  reply: string | null;
  repliedOn: string | null;
  version: number;
};

export type PublicSuggestionStatus = {
  queryCode: string;
  agencyName: string;
  receivedOn: string;
  dueOn: string;
  stateLabel: string;
  resultLabel: string | null;
  reply: string | null;
  repliedOn: string | null;
};

type RegisterInput = { channel: SuggestionChannel; content: string; contact?: { name?: string | null; phone?: string | null } | null | undefined; receivedOn: string };

export interface SuggestionUseCases {
  submitSuggestion(input: SubmitSuggestionInput): Promise<{ queryCode: string }>;
  registerSuggestion(actor: Actor, input: RegisterInput): Promise<SuggestionView>;
  suggestionStatus(code: string): Promise<PublicSuggestionStatus>;
  listSuggestions(actor: Actor, q: { state: 'open' | 'replied' | 'all'; result?: SuggestionResult | undefined; from?: string | undefined; to?: string | undefined; agencyId?: number | undefined }, page: { page: number; pageSize: number }): Promise<{ suggestions: SuggestionView[]; total: number; page: number; pageSize: number }>;
  getSuggestion(actor: Actor, id: number): Promise<SuggestionView>;
  handleSuggestion(actor: Actor, id: number, input: { version: number; result: SuggestionResult; text: string }): Promise<SuggestionView>;
  replyToSuggestion(actor: Actor, id: number, input: { version: number; text: string }): Promise<SuggestionView>;
  suggestionWork(actor: Actor): Promise<WorkItem[]>;
}

interface Deps {
  audit: AuditService;
  calendar: () => Promise<Calendar>;
  cipher: PersonalDataCipher;
  settings: () => Promise<EvaluationSettings>;
  today: () => string;
  agencyName: (id: number) => Promise<string>;
  agencyByCode: (code: string) => Promise<Agency>;
  clock: () => Date;
}

const HANDLERS = ['officer', 'leader'];

export function createSuggestionUseCases(db: Kysely<Database>, deps: Deps): SuggestionUseCases {
  const { cipher, audit } = deps;

  async function present(r: repo.SuggestionRow, actor: Actor): Promise<SuggestionView> {
    const full = seesPersonalData(actor.role);
    const name = cipher.open(NAME_FIELD, r.contact_name);
    const phone = cipher.open(PHONE_FIELD, r.contact_phone);
    return {
      id: r.id, agencyId: r.agency_id, agencyName: await deps.agencyName(r.agency_id), queryCode: r.query_code, channel: r.channel,
      channelLabel: SUGGESTION_CHANNEL_LABELS[r.channel as SuggestionChannel] ?? r.channel, content: r.content,
      contactName: name ? (full ? name : maskName(name)) : null, contactPhone: phone ? (full ? phone : MASK) : null,
      receivedOn: r.received_on, dueOn: r.due_on, overdue: r.state !== 'replied' && deps.today() > r.due_on, state: r.state,
      stateLabel: SUGGESTION_STATE_LABELS[r.state as SuggestionState] ?? r.state, result: r.result, resultLabel: r.result ? SUGGESTION_RESULT_LABELS[r.result as SuggestionResult] : null,
      resultText: r.result_text, handledOn: r.handled_on, reply: r.reply, repliedOn: r.replied_on, version: r.version,
    };
  }

  async function create(agencyId: number, input: RegisterInput, actor: Actor | null): Promise<{ id: number; code: string }> {
    const at = nowIso(deps.clock);
    const s = await deps.settings();
    const due = suggestionDue(input.receivedOn, s, await deps.calendar());
    return db.transaction().execute(async (trx) => {
      let code = newSuggestionCode();
      while (await repo.findSuggestionByCode(trx, code)) code = newSuggestionCode();
      const name = input.contact?.name || null;
      const phone = input.contact?.phone || null;
      const id = await repo.insertSuggestion(trx, {
        agency_id: agencyId, query_code: code, channel: input.channel, content: input.content, contact_name: cipher.seal(NAME_FIELD, name), contact_phone: cipher.seal(PHONE_FIELD, phone),
        received_on: input.receivedOn, due_on: due, state: 'received', result: null, result_text: null, handled_on: null, reply: null, replied_on: null, created_at: at, created_by: actor?.userId ?? null,
      });
      await audit.record(trx, { actor: actor ?? { userId: null, displayName: '公众（意见建议）' }, agencyId, action: 'suggestion.create', entity: 'suggestion', entityId: id, after: { queryCode: code, channel: input.channel } });
      return { id, code };
    });
  }

  async function load(actor: Actor, id: number) {
    const r = await repo.findSuggestion(db, id);
    if (!r) throw notFound();
    assertVisible(actor, r.agency_id);
    return r;
  }

  function assertHandler(actor: Actor) {
    assertNotAdmin(actor, '办理意见建议');
    if (!HANDLERS.includes(actor.role)) throw forbidden('意见建议由本机关的经办人或负责人办理');
  }

  return {
    async submitSuggestion(input) {
      const agency = await deps.agencyByCode(input.agency).catch(() => { throw validationFailed([{ field: 'agency', message: '找不到该机构，请核对统一社会信用代码' }]); });
      if (input.website) return { queryCode: newSuggestionCode() };
      const { code } = await create(agency.id, { channel: input.channel, content: input.content, contact: input.contact, receivedOn: deps.today() }, null);
      return { queryCode: code };
    },
    async registerSuggestion(actor, input) {
      assertHandler(actor);
      if (input.receivedOn > deps.today()) throw validationFailed([{ field: 'receivedOn', message: '收到日期不能晚于今天' }]);
      const { id } = await create(actor.agencyId, input, actor);
      return present((await repo.findSuggestion(db, id))!, actor);
    },
    async suggestionStatus(code) {
      const r = await repo.findSuggestionByCode(db, code.trim().toUpperCase());
      if (!r) throw notFound('没有找到该查询码的意见建议，请核对查询码');
      return {
        queryCode: r.query_code, agencyName: await deps.agencyName(r.agency_id), receivedOn: r.received_on, dueOn: r.due_on,
        stateLabel: SUGGESTION_STATE_LABELS[r.state as SuggestionState] ?? r.state, resultLabel: r.state === 'replied' && r.result ? SUGGESTION_RESULT_LABELS[r.result as SuggestionResult] : null,
        reply: r.reply, repliedOn: r.replied_on,
      };
    },
    async listSuggestions(actor, q, page) {
      const states = q.state === 'open' ? ['received', 'handled'] : q.state === 'replied' ? ['replied'] : undefined;
      const f = { agencyIds: listScope(actor, q.agencyId), states, result: q.result, from: q.from, to: q.to };
      const [rows, total] = await Promise.all([repo.listSuggestions(db, f, page.pageSize, (page.page - 1) * page.pageSize), repo.countSuggestions(db, f)]);
      const out: SuggestionView[] = [];
      for (const r of rows) out.push(await present(r, actor));
      return { suggestions: out, total, page: page.page, pageSize: page.pageSize };
    },
    async getSuggestion(actor, id) {
      return present(await load(actor, id), actor);
    },
    async handleSuggestion(actor, id, input) {
      assertHandler(actor);
      const r = await load(actor, id);
      if (r.state === 'replied') throw new AppError('conflict', { title: '现在不能进行这项操作', detail: '该意见建议已经答复，不能再修改办理结果' });
            await db.transaction().execute(async (trx) => {
        if (!(await repo.claimSuggestion(trx, id, input.version, { state: 'handled', result: input.result, result_text: input.text, handled_on: deps.today() }))) throw conflict();
        await audit.record(trx, { actor, agencyId: r.agency_id, action: 'suggestion.handle', entity: 'suggestion', entityId: id, before: { state: r.state, result: r.result }, after: { state: 'handled', result: input.result } });
      });
      return present((await repo.findSuggestion(db, id))!, actor);
    },
    async replyToSuggestion(actor, id, input) {
      assertHandler(actor);
      const r = await load(actor, id);
      if (r.state !== 'handled') throw new AppError('conflict', { title: '现在不能进行这项操作', detail: r.state === 'replied' ? '该意见建议已经答复' : '请先登记办理结果（采纳、整改、解释说明或不予采纳），再答复' });
      const at = nowIso(deps.clock);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.claimSuggestion(trx, id, input.version, { state: 'replied', reply: input.text, replied_on: deps.today() }))) throw conflict();
        await audit.record(trx, { actor, agencyId: r.agency_id, action: 'suggestion.reply', entity: 'suggestion', entityId: id, before: { state: r.state }, after: { state: 'replied', at } });
      });
      return present((await repo.findSuggestion(db, id))!, actor);
    },
    async suggestionWork(actor) {
      if (!HANDLERS.includes(actor.role)) return [];
      const rows = await repo.listSuggestions(db, { agencyIds: actor.visibleAgencyIds, states: ['received', 'handled'] }, 500, 0);
      const today = deps.today();
      const out: WorkItem[] = [];
      for (const r of rows) {
        out.push({
          kind: 'suggestion', kindLabel: r.state === 'received' ? '意见建议：待办理' : '意见建议：待答复', title: r.content.slice(0, 50),
          agency: await deps.agencyName(r.agency_id), ref: r.query_code, url: `/admin/suggestions/${r.id}`, due: r.due_on, overdue: today > r.due_on,
          note: `${SUGGESTION_CHANNEL_LABELS[r.channel as SuggestionChannel] ?? r.channel}，${r.received_on} 收到`,
        });
      }
      return out;
    },
  };
}
