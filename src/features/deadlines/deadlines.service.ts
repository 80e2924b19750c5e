// The one place where every open statutory clock lives. Other features call `track` inside their own
// transaction whenever a record's ledger changes (applications: kind 'reply'; catalogue:
// 'proactive_publish'), and `close` when the clock ends. When the calendar changes, `recomputeOpen`
// recomputes every open deadline in the calendar change's transaction and returns those that moved: the plain clocks
// (a receipt and nothing else, core/deadlines/plain.ts) once per key (receipt date, working days, due-soon threshold)
// over a working-day table — the results kept per key and read through it (the view deadline_clocks), so their rows
// are not written (decisions 200, 285) — the other ledgers replayed by the engine a page at a time.
import type { Calendar } from '../../core/calendar/index.ts';
import { computeDeadline, LedgerError, plainClock, type DeadlineResult, type DeadlineSettings, type Ledger } from '../../core/deadlines/index.ts';
import { fromJson, nowIso, toJson } from '../../db/dialect.ts';
import { assertVisible, type Actor } from '../shared/actor.ts';
import {
  beginGeneration, closeDeadlines, withoutJit, findDeadline, keepPlainResults, listDeadlines, openDeadlinesPage, preparePlainResults, updateComputedMany, upsertDeadline,
  type ComputedUpdate,
  type DeadlineRow, type Executor,
} from './deadlines.repository.ts';
import { legalDateOf } from '../shared/legal-date.ts';

export type { Executor } from './deadlines.repository.ts';

/** The calendar in force, read through the given executor (inside a transaction: the transaction). */
export type CalendarProvider = (ex?: Executor) => Promise<Calendar>;

export interface TrackInput {
  agencyId: number;
  /** e.g. 'application', 'catalogue_item' */
  entity: string;
  entityId: string | number;
  /** e.g. 'reply' (条例 第三十三条), 'proactive_publish' (第二十六条) */
  kind: string;
  ledger: Ledger;
  settings?: Partial<DeadlineSettings> | null;
}

export interface TrackedDeadline {
  id: number;
  agencyId: number;
  entity: string;
  entityId: string;
  kind: string;
  due: string | null;
  provisional: boolean;
  status: string;
  open: boolean;
  updatedAt: string;
}

export interface MovedRecord {
  id: number;
  agencyId: number;
  entity: string;
  entityId: string;
  kind: string;
  oldDue: string | null;
  newDue: string | null;
  /** The ledger is impossible under the new calendar (kept with status 'invalid'). */
  error?: string;
}

export interface DeadlinesService {
  /** Compute with the current calendar and upsert (one row per entity, entityId, kind). Throws LedgerError for an impossible ledger. */
  track(trx: Executor, input: TrackInput): Promise<TrackedDeadline & { result: DeadlineResult }>;
  /** Close the entity's open clocks (all kinds, or one). Returns how many were closed. */
  close(trx: Executor, entity: string, entityId: string | number, kind?: string): Promise<number>;
  /** Recompute every open deadline with `calendar`; returns the records whose due date moved (or became invalid). */
  recomputeOpen(trx: Executor, calendar: Calendar): Promise<MovedRecord[]>;
  get(ex: Executor, entity: string, entityId: string | number, kind: string): Promise<TrackedDeadline | null>;
  list(actor: Actor, q: { open?: boolean; page?: number; pageSize?: number }): Promise<{ deadlines: TrackedDeadline[]; total: number }>;
}

/** Today's date in Asia/Shanghai (legal dates are Chinese civil dates). */
export function shanghaiToday(now: Date): string {
  return legalDateOf(now);
}

function present(r: DeadlineRow): TrackedDeadline {
  return { id: r.id, agencyId: r.agency_id, entity: r.entity, entityId: r.entity_id, kind: r.kind, due: r.due, provisional: r.provisional === 1, status: r.status, open: r.open === 1, updatedAt: r.updated_at };
}

/** `today` unless the ledger's last event is later (a ledger may be recorded ahead of the clock in tests/imports). */
function evaluationDay(ledger: Ledger, today: string): string {
  let last = ledger.received ?? '';
  for (const e of ledger.events ?? []) if (typeof e?.date === 'string' && e.date > last) last = e.date;
  return last > today ? last : today;
}

export function createDeadlinesService(db: Executor, deps: { calendar: CalendarProvider; clock?: () => Date }): DeadlinesService {
  const clock = deps.clock ?? (() => new Date());
  const PAGE = 5000;
  return {
    async track(trx, input) {
      const calendar = await deps.calendar(trx);
      const today = shanghaiToday(clock());
      const result = computeDeadline(input.ledger, calendar, input.settings ?? null, evaluationDay(input.ledger, today));
      const at = nowIso(clock);
      const plain = result.status === 'closed' ? null : plainClock(input.ledger, input.settings ?? null);
      const row = {
        agency_id: input.agencyId,
        entity: input.entity,
        entity_id: String(input.entityId),
        kind: input.kind,
        ledger_json: JSON.stringify(input.ledger),
        settings_json: toJson(input.settings ?? null),
        due: result.due,
        provisional: result.provisional ? 1 : 0,
        status: result.status,
        open: result.status === 'closed' ? 0 : 1,
        updated_at: at,
        plain_from: plain?.from ?? null,
        plain_workdays: plain?.workdays ?? null,
        plain_soon: plain?.dueSoon ?? null,
      };
      const id = await upsertDeadline(trx, row);
      return { ...present({ id, ...row }), result };
    },
    close(trx, entity, entityId, kind) {
      return closeDeadlines(trx, entity, String(entityId), nowIso(clock), kind);
    },
    async recomputeOpen(trx, calendar) {
      const today = shanghaiToday(clock());
      const at = nowIso(clock);
      await withoutJit(trx);
      const gen = await beginGeneration(trx, at);
      const plain = await preparePlainResults(trx, calendar, today, gen, at);
      const moved: MovedRecord[] = plain?.moved ?? [];
      // the rest is replayed by the engine: every open clock when the statement could not run, else the groups it left
      const groups = plain ? (['none', 'before', 'after'] as const).map((group) => ({ group, range: plain.range })) : [undefined];
      for (const replay of groups) {
        let after = 0;
        for (;;) {
          const rows = await openDeadlinesPage(trx, after, PAGE, replay);
          if (rows.length === 0) break;
          after = rows[rows.length - 1]!.id;
          const updates: ComputedUpdate[] = [];
          for (const r of rows) {
            const who = { id: r.id, agencyId: r.agency_id, entity: r.entity, entityId: r.entity_id, kind: r.kind, oldDue: r.due };
            const ledger = JSON.parse(r.ledger_json) as Ledger;
            try {
              const x = computeDeadline(ledger, calendar, r.settings_json === null ? null : fromJson<Partial<DeadlineSettings>>(r.settings_json), evaluationDay(ledger, today), { explain: false });
              const provisional = x.provisional ? 1 : 0;
              // a clock with formula inputs replayed here (received outside the working-day table, or no table) is
              // written whatever it gives: its own values then hold from this generation on, not an older key's
              if (x.due !== r.due || provisional !== r.provisional || x.status !== r.status || r.plain_from !== null) {
                updates.push({ id: r.id, due: x.due, provisional, status: x.status, open: x.status === 'closed' ? 0 : 1 });
              }
              if (x.due !== r.due) moved.push({ ...who, newDue: x.due });
            } catch (e) {
              if (!(e instanceof LedgerError)) throw e;
              if (r.status !== 'invalid' || r.plain_from !== null) updates.push({ id: r.id, due: r.due, provisional: r.provisional, status: 'invalid', open: 1 });
              moved.push({ ...who, newDue: null, error: e.message });
            }
          }
          await updateComputedMany(trx, updates, at, gen);
          if (rows.length < PAGE) break;
        }
      }
      await keepPlainResults(trx, gen, plain !== null);
      return moved.sort((a, b) => a.id - b.id);
    },
    async get(ex, entity, entityId, kind) {
      const r = await findDeadline(ex, entity, String(entityId), kind);
      return r ? present(r) : null;
    },
    async list(actor, q) {
      const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 500);
      const page = Math.max(q.page ?? 1, 1);
      const { rows, total } = await listDeadlines(db, { agencyIds: actor.role === 'admin' ? null : actor.visibleAgencyIds, ...(q.open !== undefined ? { open: q.open } : {}), limit: pageSize, offset: (page - 1) * pageSize });
      for (const r of rows) assertVisible(actor, r.agency_id);
      return { deadlines: rows.map(present), total };
    },
  };
}
