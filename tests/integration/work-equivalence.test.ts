// The 工作台 cards, the work queue and the list views of 依申请公开 read the stored reply clocks (deadlines) and SQL
// counts so that only the cases that may be due have their ledgers folded. This proves them equal to the plain answer
// — every open case's ledger folded, as the 工作台 did before — on a varied set of cases: a seeded random walk over
// the actions the law allows (补正, 征求意见, 收费, 延期 requested / approved / rejected, drafts returned and approved,
// withdrawals, reopenings, online applications waiting for confirmation, unassigned cases, two agencies), checked for
// every kind of user on each day of six weeks as cases fall due and overdue (SQLite; PostgreSQL with TEST_DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';
import { shippedCalendar } from '../../src/core/calendar/index.ts';
import type { Action } from '../../src/core/applications/index.ts';
import type { Actor, Role } from '../../src/features/shared/actor.ts';
import type { ApplicationSummary } from '../../src/features/applications/applications.service.ts';
import type { ListQuery } from '../../src/features/applications/applications.schema.ts';
import { applicationsWorkProvider, ledgerOf, matchesWorkView, WORK_VIEW_STATES, type WorkView } from '../../src/features/applications/applications.work.ts';
import { eventsFor } from '../../src/features/applications/applications.repository.ts';
import { compareWork, type WorkItem } from '../../src/features/work/work.service.ts';
import { mulberry32 } from '../../src/core/random.ts';

const at = (d: string) => new Date(`${d}T02:00:00Z`); // 10:00 in Shanghai
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);


const DAYS = 42;
const CLOCK_STATES = ['received', 'consulting', 'fee_pending', 'replied_draft', 'under_review', 'reopened'];

describe.each(engines())('工作台 and work queue from stored clocks equal the full fold (%s)', (engine) => {
  let t: TestApp;
  let now = at('2026-03-02');
  const cal = shippedCalendar();
  const actors: Record<string, Actor> = {};
  const staff: Record<number, Actor[]> = {};
  let deptCode = '';
  let otherCode = '';

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => now });
    const gov = await buildAgency(t.db, { kind: 'government', name: '等价区人民政府' });
    const dept = await buildAgency(t.db, { parent_id: gov.id, name: '等价区教育局' });
    const other = await buildAgency(t.db, { parent_id: gov.id, name: '等价区卫健局' });
    deptCode = dept.credit_code;
    otherCode = other.credit_code;
    const mk = async (key: string, role: Role, agency: { id: number; name: string }, visible: number[] = [agency.id]) => {
      const u = await buildUser(t.db, { role, agency_id: agency.id });
      actors[key] = { userId: u.id, username: u.username, displayName: u.display_name, role, agencyId: agency.id, agencyName: agency.name, visibleAgencyIds: visible };
      if (role !== 'supervisor') (staff[agency.id] ??= []).push(actors[key]!);
    };
    await mk('officer', 'officer', dept);
    await mk('officer2', 'officer', dept);
    await mk('reviewer', 'reviewer', dept);
    await mk('leader', 'leader', dept);
    await mk('leader2', 'leader', dept);
    await mk('otherOfficer', 'officer', other);
    await mk('otherReviewer', 'reviewer', other);
    await mk('otherLeader', 'leader', other);
    await mk('supervisor', 'supervisor', gov, [gov.id, dept.id, other.id]);
    const admin = await buildUser(t.db, { role: 'admin', agency_id: gov.id });
    actors.admin = { userId: admin.id, username: admin.username, displayName: admin.display_name, role: 'admin', agencyId: gov.id, agencyName: gov.name, visibleAgencyIds: [gov.id, dept.id, other.id] };
  });
  afterAll(async () => t?.close());

  const svc = () => t.services.applications;
  const provider = (storedClocks: boolean) => applicationsWorkProvider({
    db: t.db, agencies: t.services.agencies, calendar: () => cal,
    applications: { list: (a, q) => svc().list(a, q), today: () => svc().today(), storedClocks },
  });

  /** The 工作台 cards as the full fold answers them (the code before stored clocks). */
  async function referenceCards(actor: Actor) {
    if (actor.role === 'supervisor') return [];
    const all = await svc().list(actor, { view: 'open' });
    const mine = all.filter((a) => a.assignedUserId === actor.userId);
    const waiting = all.filter((a) => ['correction_pending', 'consulting', 'fee_pending'].includes(a.state));
    return [
      { title: '我的依申请公开案件', value: mine.length, href: '/admin/applications?view=mine', note: `本机关办理中共${all.length}件` },
      { title: '3个工作日内到期', value: all.filter((a) => a.dueStatus === 'due_soon').length, href: '/admin/applications?view=due_soon' },
      { title: '已逾期', value: all.filter((a) => a.dueStatus === 'overdue').length, href: '/admin/applications?view=overdue' },
      { title: '待补正、征求意见、待缴费', value: waiting.length, href: '/admin/applications?view=open', note: `待补正${waiting.filter((a) => a.state === 'correction_pending').length}件，征求意见中${waiting.filter((a) => a.state === 'consulting').length}件，待缴费${waiting.filter((a) => a.state === 'fee_pending').length}件` },
    ];
  }

  /** A list view as the full fold answers it: every case of the view's states, folded, then the view's rule. */
  async function referenceView(actor: Actor, view: ListQuery['view'], all: ApplicationSummary[], ledgers: Map<number, ReturnType<typeof ledgerOf>>) {
    const today = svc().today();
    return all.filter((s) => {
      switch (view) {
        case 'due_soon': return CLOCK_STATES.includes(s.state) && s.dueStatus === 'due_soon';
        case 'overdue': return CLOCK_STATES.includes(s.state) && s.dueStatus === 'overdue';
        default: return WORK_VIEW_STATES[view as WorkView].includes(s.state) && matchesWorkView(view as WorkView, actor, s, ledgers.get(s.id)!, today);
      }
    }).map((s) => s.id);
  }

  const sorted = (items: readonly WorkItem[]) => [...items].sort(compareWork);

  const INPUTS: Partial<Record<Action, (r: () => number, a: Actor) => Record<string, unknown>>> = {
    confirmReceipt: () => ({}),
    assign: (r) => ({ userId: (r() < 0.5 ? actors.officer : actors.officer2)!.userId }),
    requestCorrection: (r) => ({ items: ['请写明所需信息的名称、文号或者便于查询的其他特征性描述'], periodWorkdays: 1 + Math.floor(r() * 8) }),
    recordCorrection: () => ({ note: '已补正所需信息的名称' }),
    lapseCorrection: () => ({}),
    startConsultation: (r) => ({ partyType: r() < 0.7 ? 'third_party' : 'co_agency', party: '某某有限公司', matter: '申请公开的信息涉及该公司的商业信息' }),
    endConsultation: (r) => ({ opinion: r() < 0.5 ? 'agree' : 'object' }),
    requestExtension: (r) => ({ days: 1 + Math.floor(r() * 20), reason: '需要从多个业务系统汇总数据' }),
    approveExtension: () => ({ note: '同意延期' }),
    rejectExtension: () => ({ note: '不同意延期，请按期答复' }),
    issueFeeNotice: (r) => ({ method: 'per_page', pages: 40 + Math.floor(r() * 200) }),
    recordPayment: () => ({}),
    lapseFee: () => ({}),
    reply: () => ({ outcome: 'disclose', reasons: '', otherAgency: null }),
    approveReply: () => ({ note: '同意' }),
    returnReply: () => ({ note: '请补充法律依据' }),
    recordDelivery: () => ({ method: '邮寄' }),
    close: () => ({}),
    reopen: () => ({ reason: '申请人对答复提出疑问，重新办理' }),
    withdraw: () => ({ note: '申请人书面撤回' }),
  };

  it('every day for six weeks, every user: the cards, the queue and the list views are the full fold\'s', async () => {
    expect(svc().storedClocks).toBe(true);
    const r = mulberry32(20261206);
    const cases: { id: number; agencyId: number }[] = [];
    const agencyIds = Object.keys(staff).map(Number);
    let checks = 0;
    let n = 0;
    const person = () => ({ type: 'natural_person', name: '钱七', idType: '居民身份证', idNumber: '370602199001011239', phone: '13800000005', email: null, address: '山东省烟台市芝罘区', postcode: null, legalRepresentative: null, contactPerson: null, creditCode: null });
    const seen = { dueSoon: 0, overdue: 0, kinds: new Set<string>() };
    for (let d = 0; d < DAYS; d++) {
      const day = addDays('2026-03-02', d);
      now = at(day);
      // new cases: offline registrations (by an officer: assigned to them; by a leader: unassigned) and online applications
      if (cal.isWorkday(day)) {
        for (const agencyId of agencyIds) {
          const who = staff[agencyId]!.filter((a) => a.role === 'officer' || a.role === 'leader');
          for (let k = 0; k < 2; k++) {
            n++;
            const by = who[Math.floor(r() * who.length)]!;
            const back = Math.floor(r() * 3);
            const detail = await svc().register(by, { applicant: person(), content: `请公开本局第${n}号行政许可决定书`, docNumber: null, provideForm: '纸质', obtainMethod: '自行领取', email: null, channel: 'in_person', submittedOn: cal.addWorkdays(day, -back), signedOn: null, confirmedOn: null } as never);
            cases.push({ id: detail.id, agencyId });
          }
          n++;
          const sub = await svc().submit({ agency: agencyId === actors.officer!.agencyId ? deptCode : otherCode, applicant: person(), content: `请公开本局第${n}号会议纪要`, provideForm: '纸质', obtainMethod: '自行领取', email: null } as never);
          cases.push({ id: sub.id!, agencyId });
        }
      }
      // the day's work: some cases move by an action one of their agency's staff may take now
      for (const c of cases) {
        if (r() > 0.25) continue;
        const who = staff[c.agencyId]![Math.floor(r() * staff[c.agencyId]!.length)]!;
        const cur = await svc().get(who, c.id);
        const allowed = cur.allowedActions.map((a) => a.action).filter((a) => INPUTS[a]);
        if (!allowed.length) continue;
        // the actions that end a case are rarer, so that many stay open and fall due
        const weighted = allowed.filter((a) => !['withdraw', 'close', 'lapseCorrection', 'lapseFee'].includes(a) || r() < 0.15);
        const action = weighted[Math.floor(r() * weighted.length)];
        if (!action) continue;
        try {
          await svc().act(who, c.id, action, { version: cur.version, ...INPUTS[action]!(r, who) } as never);
        } catch (e) {
          if (!(e as { status?: number }).status) throw e; // refused by a rule: fine, the walk goes on
        }
      }
      // weekends too: the clocks move on days without work
      for (const [name, actor] of Object.entries(actors)) {
        expect(await svc().dashboardCards(actor), `${day} ${name} cards`).toEqual(await referenceCards(actor));
        const work = sorted(await provider(true)(actor));
        expect(work, `${day} ${name} queue`).toEqual(sorted(await provider(false)(actor)));
        for (const i of work) seen.kinds.add(i.kind);
        const all = await svc().list(actor, { view: 'all' });
        const ev = await eventsFor(t.db, all.map((s) => ({ id: s.id, agency_id: s.agencyId })));
        const ledgers = new Map(all.map((s) => [s.id, ledgerOf(ev.get(s.id) ?? [])]));
        for (const view of ['due_soon', 'overdue', 'to_confirm', 'unassigned', 'to_review', 'extension_pending'] as const) {
          const got = (await svc().list(actor, { view })).map((s) => s.id);
          expect(got, `${day} ${name} ${view}`).toEqual(await referenceView(actor, view, all, ledgers));
          const page = await svc().listPage(actor, { view }, { page: 1, pageSize: 5 });
          expect(page.total, `${day} ${name} ${view} total`).toBe(got.length);
          if (view === 'due_soon') seen.dueSoon = Math.max(seen.dueSoon, got.length);
          if (view === 'overdue') seen.overdue = Math.max(seen.overdue, got.length);
        }
        checks++;
      }
    }
    // the walk reached the situations the optimisation narrows
    expect(seen.dueSoon).toBeGreaterThan(2);
    expect(seen.overdue).toBeGreaterThan(2);
    expect([...seen.kinds].sort()).toEqual(['approve_extension', 'assign', 'confirm_receipt', 'reply_due', 'review_reply']);
    expect(checks).toBe(DAYS * Object.keys(actors).length);
  }, 600_000);
});
