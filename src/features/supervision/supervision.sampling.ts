// The 不定期抽查 of the assessment: a supervising agency draws, for a year, a random sample of the catalogue items
// published and the applications concluded by the agencies below it (core/supervision/sample.ts, mulberry32 from a
// recorded seed), checks each record by hand and records 合格 / 不合格 with a note. A year has one current draw; drawing
// again replaces it only with a reason (the earlier draw and its results are kept, replaced_by points to the new one).
// Every draw and every result goes to the audit trail.
import { randomInt } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { drawSample, MAX_SAMPLE, MAX_SEED, sampleKindLabel, sampleScore, type SampleKind, type SampleResult } from '../../core/supervision/sample.ts';
import { nowIso } from '../../db/dialect.ts';
import type { Database, SupervisionSampleItemsTable } from '../../db/types.ts';
import type { AgenciesService } from '../agencies/agencies.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { assertNotAdmin, assertRole, canSee, type Actor } from '../shared/actor.ts';
import { conflict, notFound, validationFailed } from '../shared/errors.ts';

export interface SampleItem {
  id: number;
  ordinal: number;
  kind: SampleKind;
  kindLabel: string;
  entityId: number;
  agencyId: number;
  agency: string;
  label: string;
  refDate: string | null;
  result: SampleResult | null;
  note: string | null;
  checkedBy: string | null;
  checkedAt: string | null;
  version: number;
}

export interface Sample {
  id: number;
  year: number;
  seed: number;
  itemsAsked: number;
  casesAsked: number;
  itemsPopulation: number;
  casesPopulation: number;
  reason: string | null;
  drawnBy: string;
  drawnAt: string;
  /** the draws of the same year it replaced, newest first */
  earlier: { id: number; seed: number; drawnAt: string; drawnBy: string }[];
  score: { checked: number; passed: number; value: number | null };
  items: SampleItem[];
}

export interface SamplingService {
  /** The current draw of the year (null when none was drawn). */
  current(actor: Actor, year: number): Promise<Sample | null>;
  /** Draws a sample; `replaces` must name the current draw when there is one, and then a reason is required. */
  draw(actor: Actor, input: { year: number; items: number; cases: number; reason?: string | null; replaces?: number | null; seed?: number }): Promise<Sample>;
  record(actor: Actor, itemId: number, input: { result: SampleResult; note?: string | null; version: number }): Promise<SampleItem>;
}

export function createSamplingService(db: Kysely<Database>, deps: { audit: AuditService; agencies: AgenciesService; clock?: () => Date }): SamplingService {
  const clock = deps.clock ?? (() => new Date());

  function assertSupervisor(actor: Actor): void {
    assertNotAdmin(actor, '抽查各机关');
    assertRole(actor, 'supervisor');
  }

  async function below(actor: Actor): Promise<Map<number, string>> {
    return new Map((await deps.agencies.list()).filter((a) => a.id !== actor.agencyId && canSee(actor, a.id)).map((a) => [a.id, a.name]));
  }

  async function load(sampleId: number, names: Map<number, string>): Promise<Sample> {
    const s = await db.selectFrom('supervision_samples').selectAll().where('id', '=', sampleId).executeTakeFirstOrThrow();
    const earlier = await db.selectFrom('supervision_samples').select(['id', 'seed', 'drawn_at', 'drawn_by_name'])
      .where('supervisor_agency_id', '=', s.supervisor_agency_id).where('year', '=', s.year).where('replaced_by', 'is not', null).orderBy('id', 'desc').execute();
    const rows = await db.selectFrom('supervision_sample_items').selectAll().where('sample_id', '=', sampleId).orderBy('ordinal').execute();
    const items = rows.map(itemOf(names));
    return {
      id: s.id, year: s.year, seed: s.seed, itemsAsked: s.items_asked, casesAsked: s.cases_asked, itemsPopulation: s.items_population, casesPopulation: s.cases_population,
      reason: s.reason, drawnBy: s.drawn_by_name, drawnAt: s.drawn_at, earlier: earlier.map((e) => ({ id: e.id, seed: e.seed, drawnAt: e.drawn_at, drawnBy: e.drawn_by_name })),
      score: sampleScore(items.map((i) => i.result)), items,
    };
  }

  const itemOf = (names: Map<number, string>) => (r: Selectable<SupervisionSampleItemsTable>): SampleItem => ({
    id: r.id, ordinal: r.ordinal, kind: r.kind as SampleKind, kindLabel: sampleKindLabel(r.kind as SampleKind), entityId: r.entity_id, agencyId: r.agency_id,
    agency: names.get(r.agency_id) ?? '', label: r.label, refDate: r.ref_date, result: (r.result as SampleResult | null) ?? null, note: r.note,
    checkedBy: r.checked_by_name, checkedAt: r.checked_at, version: r.version,
  });
  const itemRow = (id: number) => db.selectFrom('supervision_sample_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  async function currentId(agencyId: number, year: number): Promise<number | null> {
    const r = await db.selectFrom('supervision_samples').select('id').where('supervisor_agency_id', '=', agencyId).where('year', '=', year).where('replaced_by', 'is', null).executeTakeFirst();
    return r?.id ?? null;
  }

  return {
    async current(actor, year) {
      assertSupervisor(actor);
      const id = await currentId(actor.agencyId, year);
      return id === null ? null : load(id, await below(actor));
    },

    async draw(actor, input) {
      assertSupervisor(actor);
      const problems: { field: string; message: string }[] = [];
      for (const k of ['items', 'cases'] as const) {
        const v = input[k];
        if (!Number.isInteger(v) || v < 0 || v > MAX_SAMPLE) problems.push({ field: k, message: `抽取数量应为 0–${MAX_SAMPLE} 的整数` });
      }
      if (problems.length === 0 && input.items + input.cases === 0) problems.push({ field: 'items', message: '请至少抽取一条记录' });
      const reason = input.reason?.trim() || null;
      if (reason && reason.length > 500) problems.push({ field: 'reason', message: '理由最多 500 字' });
      const cur = await currentId(actor.agencyId, input.year);
      if (cur !== null && !reason) problems.push({ field: 'reason', message: '本年度已抽取过，重新抽取须说明理由' });
      if (problems.length) throw validationFailed(problems);
      if ((input.replaces ?? null) !== cur) throw conflict(cur === null ? '要替换的抽查已不存在，请刷新页面' : '本年度已有新的抽查，请刷新页面后再决定是否重新抽取');
      const names = await below(actor);
      const ids = [...names.keys()];
      const from = `${input.year}-01-01`, to = `${input.year}-12-31`;
      const items = ids.length ? await db.selectFrom('catalogue_items').select(['id', 'agency_id', 'title', 'index_no', 'first_published_on'])
        .where('agency_id', 'in', ids).where('public', '=', 1).where('first_published_on', '>=', from).where('first_published_on', '<=', to).execute() : [];
      const cases = ids.length ? await db.selectFrom('applications').select(['id', 'agency_id', 'concluded_on', 'outcome'])
        .where('agency_id', 'in', ids).where('concluded_on', '>=', from).where('concluded_on', '<=', to).execute() : [];
      const seed = input.seed ?? randomInt(1, MAX_SEED);
      // one seed, two draws: catalogue items with the seed, applications with seed + 1 (kept within 31 bits)
      const pickedItems = drawSample(items.map((i) => ({ key: `catalogue_item:${String(i.id).padStart(12, '0')}`, row: i })), input.items, seed);
      const pickedCases = drawSample(cases.map((c) => ({ key: `application:${String(c.id).padStart(12, '0')}`, row: c })), input.cases, (seed % MAX_SEED) + 1);
      const at = nowIso(clock);
      const id = await db.transaction().execute(async (trx) => {
        const s = await trx.insertInto('supervision_samples').values({
          supervisor_agency_id: actor.agencyId, year: input.year, seed, items_asked: input.items, cases_asked: input.cases,
          items_population: items.length, cases_population: cases.length, reason, replaced_by: null, drawn_by_name: actor.displayName, drawn_at: at,
        }).returning('id').executeTakeFirstOrThrow();
        if (cur !== null) {
          const r = await trx.updateTable('supervision_samples').set({ replaced_by: s.id }).where('id', '=', cur).where('replaced_by', 'is', null).executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw conflict('本年度已有新的抽查，请刷新页面后再决定是否重新抽取');
        }
        let ordinal = 0;
        const rows = [
          ...pickedItems.map((p) => ({ kind: 'catalogue_item', entity_id: p.row.id, agency_id: p.row.agency_id, label: `${p.row.title ?? '（无标题）'}（索引号 ${p.row.index_no}）`, ref_date: p.row.first_published_on })),
          ...pickedCases.map((p) => ({ kind: 'application', entity_id: p.row.id, agency_id: p.row.agency_id, label: `依申请公开办件 #${p.row.id}${p.row.outcome ? `（${p.row.outcome}）` : ''}`, ref_date: p.row.concluded_on })),
        ].map((r) => ({ ...r, sample_id: s.id, ordinal: ++ordinal, result: null, note: null, checked_by_name: null, checked_at: null }));
        for (let i = 0; i < rows.length; i += 200) await trx.insertInto('supervision_sample_items').values(rows.slice(i, i + 200)).execute();
        await deps.audit.record(trx, {
          actor, agencyId: actor.agencyId, action: cur === null ? 'supervision.sample.draw' : 'supervision.sample.redraw', entity: 'supervision_sample', entityId: s.id,
          before: cur === null ? null : { sample: cur }, after: { year: input.year, seed, items: pickedItems.map((p) => p.row.id), cases: pickedCases.map((p) => p.row.id), reason },
        });
        return s.id;
      });
      return load(id, names);
    },

    async record(actor, itemId, input) {
      assertSupervisor(actor);
      const row = await db.selectFrom('supervision_sample_items as i').innerJoin('supervision_samples as s', 's.id', 'i.sample_id')
        .select(['i.id', 'i.version', 'i.result', 'i.note', 's.supervisor_agency_id', 's.replaced_by']).where('i.id', '=', itemId).executeTakeFirst();
      // like a run, a draw is for the supervisors of the agency that drew it and of the agencies above it
      if (!row || !canSee(actor, row.supervisor_agency_id)) throw notFound();
      const note = input.note?.trim() || null;
      const problems: { field: string; message: string }[] = [];
      if (input.result === 'fail' && !note) problems.push({ field: 'note', message: '不合格须写明问题' });
      if (note && note.length > 1000) problems.push({ field: 'note', message: '说明最多 1000 字' });
      if (row.replaced_by !== null) problems.push({ field: 'result', message: '这次抽查已被重新抽取替换，不能再登记结果' });
      if (problems.length) throw validationFailed(problems);
      const at = nowIso(clock);
      await db.transaction().execute(async (trx) => {
        const r = await trx.updateTable('supervision_sample_items').set({ result: input.result, note, checked_by_name: actor.displayName, checked_at: at, version: input.version + 1 })
          .where('id', '=', itemId).where('version', '=', input.version).executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw conflict('抽查结果已被他人修改，请刷新页面后重试');
        await deps.audit.record(trx, { actor, agencyId: actor.agencyId, action: 'supervision.sample.result', entity: 'supervision_sample_item', entityId: itemId, before: { result: row.result, note: row.note }, after: { result: input.result, note } });
      });
      return itemOf(await below(actor))(await itemRow(itemId));
    },
  };
}
