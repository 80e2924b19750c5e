// Fuzzing every operation of /api/openapi.json with generated valid, boundary and malformed inputs
// (fast-check, fixed seed, a fixed number of runs per operation), signed in as the role the operation is
// for, on SQLite and PostgreSQL. The robustness guard (robustness.test.ts) sends a fixed battery of bad
// inputs; this test generates combinations from the same document (fuzz/generate.ts) and adds the rule
// the battery cannot check: every INVALID value is refused rather than accepted —
//   - no 5xx;
//   - every 4xx is application/problem+json with a Chinese title and its status in the body;
//   - a 2xx on input that holds an impossible date, an out-of-range number, an unknown enum value, an
//     over-long string or punctuation-only text where text must say something fails the test.
// It also checks that every date-like request field of the document is declared as `format: date` (the
// shared date schema), so a new date field that bypasses it fails here.
// Each failure names the operation, the identity, the request and why; the test lists all of them.
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../builders/index.ts';
import { arbitraryFor, canFault, type Generated, type Mode, type Schema } from './fuzz/generate.ts';
import { createTestApp, engines, type Session, type TestApp } from './harness.ts';
import { operationsOf, type ApiOperation, type OpenApiDocument } from './robustness/cases.ts';

const SEED = 20_261_206;
/** Generated requests per operation and engine (about 70 operations: ~2,100 requests per engine). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const CHINESE_RE = /[\u4e00-\u9fff]/;
/** Dates at the edges: the earliest date at all, before/at the calendar's first day, the 条例 in force, today, the latest. */
const BOUNDARY_DATES = ['1949-10-01', '1989-12-31', '1990-01-01', '2008-04-30', '2008-05-01', new Date().toISOString().slice(0, 10), '2099-12-31'];
const DATE_NAME = /(On|Date|^date$|^from$|^to$|^today$|^since$|^until$)$/;

// ── collection time: the OpenAPI document (a seedless SQLite app) ─────────────────────────────────
const probe = await createTestApp('sqlite', { seed: false });
const doc = (await probe.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApiDocument;
await probe.close();
const operations = operationsOf(doc);

type Role = 'admin' | 'officer' | 'reviewer' | 'leader';

const PERSON = { type: 'natural_person', name: '模糊测试', idType: '居民身份证', idNumber: '370602199003071235', phone: '13800000099' };
/**
 * Known-good bodies for operations whose fields depend on each other (applicant type ↔ id fields, 提供方式 ↔
 * 获取方式, 按量 ↔ pages …): the "valid" requests start from them, and a "fault" request is one of them with
 * exactly one value replaced by a generated invalid one.
 */
const BASELINES: Record<string, Record<string, unknown>> = {
  submitApplication: { agency: '12370602780795309E', applicant: PERSON, content: '请公开本局2025年行政许可办理结果', provideForm: '纸质', obtainMethod: '自行领取' },
  registerApplication: { applicant: PERSON, content: '请公开本局2025年行政许可办理结果', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2026-01-05' },
  createUser: { username: 'fuzz.created', displayName: '模糊测试用户', role: 'officer', agencyId: 2, password: 'fuzz-password-123' },
  updateUser: { displayName: '模糊测试用户' },
  createCatalogueDraft: { title: '模糊测试条目', kind: 'notice', category: 5, disclosure: 'proactive', body: '正文', madeOn: '2026-01-05' },
  updateCatalogueDraft: { title: '模糊测试条目', kind: 'notice', category: 5, disclosure: 'proactive', body: '正文', madeOn: '2026-01-05' },
  createAppealCase: { kind: 'review', filedOn: '2026-01-05' },
  updateAppealCase: { result: 'upheld', closedOn: '2026-02-02' },
  requestCorrection: { items: ['请写明所需文件的名称或者文号'], periodWorkdays: 15 },
  startConsultation: { partyType: 'third_party', party: '某某有限公司', matter: '是否同意公开报价', sentOn: '2026-01-06' },
  endConsultation: { opinion: 'agree' },
  requestExtension: { days: 10, reason: '需要调取档案' },
  issueFeeNotice: { method: 'per_page', pages: 150 },
  replyToApplication: { outcome: 'disclose', reasons: '予以公开' },
  returnReply: { note: '请补充理由' },
  recordDelivery: { method: '邮寄' },
  reopenApplication: { reason: '补充答复' },
  editCalendarDay: { date: '2026-10-10', workday: true, reason: '调休上班' },
  saveLetterTemplate: { title: '收到申请回执', body: '{{申请人}}：本机关已收到您的申请。' },
};

/** The role an operation is for (the others are checked by the authorization tests). */
function roleFor(op: ApiOperation): Role {
  if (['approveExtension', 'rejectExtension'].includes(op.name)) return 'leader';
  if (['approveReply', 'returnReply'].includes(op.name)) return 'reviewer';
  if (/^\/api\/(users|calendar|audit-events|agencies)/.test(op.path) || /Calendar|User|Audit/.test(op.name)) return 'admin';
  return 'officer';
}

interface FuzzCase {
  /** which generator made the case (index into the kinds of caseArbitrary) */
  kind?: number;
  url: string;
  body: Generated | undefined;
  query: Generated;
}

/** Percent-encoding that also takes lone surrogates (sent as the UTF-8 bytes of U+FFFD). */
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

/** The first faulted value of a generated body, set into a copy of the baseline (exactly one fault). */
function onBaseline(baseline: Record<string, unknown>, g: Generated | undefined): Generated | undefined {
  const reason = g?.invalid[0];
  if (!g || !reason || typeof g.value !== 'object' || g.value === null) return g;
  // "body.applicant.phone: …" → [applicant, phone]; an array element ("body.items[]") → the whole array
  const path = reason.slice(0, reason.indexOf(':')).split('[]')[0]!.split('.').slice(1);
  let src: unknown = g.value;
  for (const k of path) src = (src as Record<string, unknown> | undefined)?.[k];
  const out = structuredClone(baseline);
  let cur: Record<string, unknown> = out;
  for (const k of path.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = src;
  return { value: out, invalid: [reason] };
}

function problemViolation(res: LightMyRequestResponse): string | undefined {
  if (res.statusCode >= 500) return `${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return undefined;
  const ct = String(res.headers['content-type'] ?? '');
  if (!/^application\/problem\+json/.test(ct)) return `${res.statusCode} with content-type "${ct}": ${res.body.slice(0, 200)}`;
  try {
    const p = JSON.parse(res.body) as { title?: unknown; status?: unknown };
    if (typeof p.title !== 'string' || !CHINESE_RE.test(p.title)) return `${res.statusCode} problem without a Chinese title: ${res.body.slice(0, 200)}`;
    if (p.status !== res.statusCode) return `${res.statusCode} problem with status ${String(p.status)} in the body`;
  } catch {
    return `${res.statusCode} problem+json that is not JSON`;
  }
  return undefined;
}

/** Request-side schemas of the document: (where, name, schema) for every body property and query parameter. */
function requestFields(): { where: string; name: string; schema: Schema }[] {
  const out: { where: string; name: string; schema: Schema }[] = [];
  const walk = (s: Schema | undefined, where: string, depth: number) => {
    if (!s || depth > 5) return;
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      out.push({ where: `${where}.${k}`, name: k, schema: v as Schema });
      walk(v as Schema, `${where}.${k}`, depth + 1);
    }
    for (const a of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) walk(a as Schema, where, depth + 1);
    if (s.items) walk(s.items as Schema, `${where}[]`, depth + 1);
  };
  for (const op of operations) {
    for (const q of op.queryParams) out.push({ where: `${op.name} query.${q.name}`, name: q.name, schema: (q.schema ?? {}) as Schema });
    walk(op.bodySchema as Schema | undefined, `${op.name} body`, 0);
  }
  return out;
}

function isDateSchema(s: Schema): boolean {
  if (s.format === 'date') return true;
  return [...(s.anyOf ?? []), ...(s.oneOf ?? [])].some((a) => isDateSchema(a as Schema));
}

describe('fuzz: the OpenAPI document declares every date field as a date', () => {
  it('every request field named like a date uses the shared date schema (format: date)', () => {
    const dateFields = requestFields().filter((f) => DATE_NAME.test(f.name) && !f.schema.enum);
    expect(dateFields.length, 'date fields found').toBeGreaterThanOrEqual(20);
    const missing = dateFields.filter((f) => !isDateSchema(f.schema)).map((f) => `${f.where}: ${JSON.stringify(f.schema)}`);
    expect(missing, `date fields without format: date (use dateField from features/shared/fields.ts):\n${missing.join('\n')}`).toEqual([]);
  });
});

describe.each(engines())('fuzz: generated input on every operation (%s)', (engine) => {
  let t: TestApp;
  let ip = 0;
  const sessions = new Map<Role, Session>();
  const ids: Record<string, string> = {};
  const started = Date.now();
  /** operation → [2xx, 4xx] answers (printed at the end: the generated input reaches the use cases too) */
  const stats = new Map<string, [number, number]>();

  const nextIp = () => {
    ip += 1;
    return `10.${100 + ((ip >> 16) & 127)}.${(ip >> 8) & 255}.${ip & 255}`;
  };

  async function session(role: Role): Promise<Session> {
    const cached = sessions.get(role);
    if (cached) return cached;
    const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: role, password: 'demo12345' }, remoteAddress: nextIp() });
    if (res.statusCode !== 200) throw new Error(`sign-in ${role}: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((x) => x.name === 'gk_session')!;
    const s = { cookie: `gk_session=${c.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
    sessions.set(role, s);
    return s;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    // the records the operations' path parameters point to
    const reg = await t.api('POST', '/api/applications/offline', {
      as: 'officer',
      body: { applicant: { type: 'natural_person', name: '模糊测试', idType: '居民身份证', idNumber: '370602199003071235', phone: '13800000099' }, content: '请公开本局2025年行政许可办理结果', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2026-01-05' },
    });
    if (reg.statusCode !== 201) throw new Error(`fixture application: ${reg.body}`);
    ids.application = String((reg.json() as { id: number }).id);
    const letter = await t.db.selectFrom('letters').select('id').where('application_id', '=', Number(ids.application)).executeTakeFirst();
    ids.letter = String(letter?.id ?? 1);
    const item = await t.api('POST', '/api/catalogue/items', { as: 'officer', body: { title: '模糊测试条目', kind: 'notice', category: 5, disclosure: 'proactive', body: '正文', madeOn: '2026-01-05' } });
    if (item.statusCode !== 201) throw new Error(`fixture item: ${item.body}`);
    ids.item = String((item.json() as { id: number }).id);
    const appeal = await t.api('POST', '/api/appeals', { as: 'officer', body: { kind: 'review', filedOn: '2026-01-05' } });
    if (appeal.statusCode !== 201) throw new Error(`fixture appeal: ${appeal.body}`);
    ids.appeal = String((appeal.json() as { id: number }).id);
    ids.user = String((await buildUser(t.db, { username: 'fuzz-victim' })).id);
  });
  afterAll(async () => {
    await t?.close();
    // the budget the brief sets: each engine well under ~2 minutes
    const accepted = [...stats.values()].reduce((a, [ok]) => a + ok, 0);
    const total = [...stats.values()].reduce((a, [ok, no]) => a + ok + no, 0);
    console.log(`fuzz (${engine}): ${operations.length} operations × ${RUNS} runs in ${((Date.now() - started) / 1000).toFixed(1)} s; ${accepted} of ${total} requests accepted (2xx), ${[...stats.values()].filter(([ok]) => ok > 0).length} operations accepted some; none accepted: ${[...stats.entries()].filter(([, [ok]]) => ok === 0).map(([n]) => n).join(' ')}`);
  });

  /** The version of the record an operation's path points to (optimistic locking), or null. */
  async function currentVersion(op: ApiOperation): Promise<number | null> {
    const table = op.path.startsWith('/api/applications/') ? 'applications' : op.path.startsWith('/api/appeals/') ? 'appeal_cases' : op.path.startsWith('/api/catalogue/items/') ? 'catalogue_items' : op.path.startsWith('/api/users/') ? 'users' : null;
    if (!table) return null;
    const id = Number(table === 'applications' ? ids.application : table === 'appeal_cases' ? ids.appeal : table === 'catalogue_items' ? ids.item : ids.user);
    const row = await t.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirst();
    return row ? Number(row.version) : null;
  }

  function pathValue(op: ApiOperation, name: string): string {
    if (name === 'letterId') return ids.letter!;
    if (name === 'creditCode') return '12370602780795309E';
    if (name === 'year') return '2025';
    if (name === 'kind') return 'receipt';
    if (op.path.startsWith('/api/applications/')) return ids.application!;
    if (op.path.startsWith('/api/catalogue/items/')) return ids.item!;
    if (op.path.startsWith('/api/appeals/')) return ids.appeal!;
    if (op.path.startsWith('/api/users/')) return ids.user!;
    return '1';
  }

  function caseArbitrary(op: ApiOperation): fc.Arbitrary<FuzzCase> {
    const url = op.path.replace(/\{(\w+)\}/g, (_m, n: string) => encodeURIComponent(pathValue(op, n)));
    const queryProps: Record<string, Schema> = {};
    for (const q of op.queryParams) queryProps[q.name] = (q.schema ?? {}) as Schema;
    const querySchema: Schema = { type: 'object', properties: queryProps, required: op.queryParams.filter((q) => q.required).map((q) => q.name) };
    const bodySchema = op.bodySchema && op.method !== 'GET' ? (op.bodySchema as Schema) : undefined;
    const query = (m: Mode) => (op.queryParams.length ? arbitraryFor(querySchema, 'query', 'query', m) : fc.constant<Generated>({ value: {}, invalid: [] }));
    const body = (m: Mode) => (bodySchema ? arbitraryFor(bodySchema, 'body', 'body', m).map((b) => b as Generated | undefined) : fc.constant<Generated | undefined>(undefined));
    // valid input (reaches the use case), one fault in the body or the query (the rest valid), anything at all
    const baseline = BASELINES[op.name];
    const kinds: { arbitrary: fc.Arbitrary<FuzzCase>; weight: number }[] = [
      { arbitrary: fc.record({ url: fc.constant(url), body: body('valid'), query: query('valid') }), weight: 3 },
      { arbitrary: fc.record({ url: fc.constant(url), body: body('mixed'), query: query('mixed') }), weight: 2 },
    ];
    if (bodySchema && canFault(bodySchema, 'body')) kinds.push({ arbitrary: fc.record({ url: fc.constant(url), body: body('fault'), query: query('valid') }), weight: 4 });
    if (baseline) {
      if (bodySchema && canFault(bodySchema, 'body')) kinds.push({ arbitrary: fc.record({ url: fc.constant(url), body: body('fault').map((g) => onBaseline(baseline, g)), query: query('valid') }), weight: 6 });
    }
    if (op.queryParams.length && canFault(querySchema, 'query')) kinds.push({ arbitrary: fc.record({ url: fc.constant(url), body: body('valid'), query: query('fault') }), weight: 3 });
    return fc.oneof(...kinds.map((k, i) => ({ weight: k.weight, arbitrary: k.arbitrary.map((c) => ({ ...c, kind: i })) })));
  }

  function queryString(q: Generated): { qs: string; invalid: string[] } {
    if (!q.value || typeof q.value !== 'object' || Array.isArray(q.value)) return { qs: '', invalid: [] };
    const parts: string[] = [];
    for (const [k, v] of Object.entries(q.value as Record<string, unknown>)) {
      if (v === undefined || v === null) continue;
      const vs = Array.isArray(v) ? v : [v];
      for (const x of vs) parts.push(`${encode(k)}=${encode(typeof x === 'object' ? JSON.stringify(x) : String(x))}`);
    }
    // a value that is not a string, number or boolean is malformed in a query; the invalid reasons still hold
    return { qs: parts.length ? `?${parts.join('&')}` : '', invalid: q.invalid };
  }

  it.each(operations.map((op) => [`${op.name} (${op.method} ${op.path})`, op] as const))('%s', async (_n, op) => {
    const role = roleFor(op);
    const generated = fc.sample(caseArbitrary(op), { seed: SEED + [...op.name].reduce((a, c) => a + c.charCodeAt(0), 0), numRuns: RUNS });
    // the known-good body first (the valid path of the use case), then the generated cases
    const baseline = BASELINES[op.name];
    const known: FuzzCase[] = [];
    if (baseline) {
      const url = generated[0]!.url;
      known.push({ kind: -1, url, body: { value: structuredClone(baseline), invalid: [] }, query: { value: {}, invalid: [] } });
      // each date of the known-good body at the edges of what the shared date schema accepts (and of the
      // working-day calendar, 1990–2100): a refusal is fine, a 5xx is not
      for (const [k, v] of Object.entries(baseline)) {
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) continue;
        for (const edge of BOUNDARY_DATES) known.push({ kind: -2, url, body: { value: { ...structuredClone(baseline), [k]: edge }, invalid: [] }, query: { value: {}, invalid: [] } });
      }
    }
    const cases: FuzzCase[] = [...known, ...generated];
    const failures: string[] = [];
    for (const c of cases) {
      const { qs, invalid: qInvalid } = queryString(c.query);
      const invalid = [...qInvalid, ...(c.body?.invalid ?? [])];
      const s = await session(role);
      const headers: Record<string, string> = { cookie: s.cookie, 'x-csrf-token': s.csrf };
      // optimistic locking: a body that carries a valid-looking version gets the record's current one
      const b = c.body?.value as Record<string, unknown> | undefined;
      if (b && typeof b === 'object' && !Array.isArray(b) && typeof b.version === 'number' && Number.isInteger(b.version) && b.version > 0 && b.version < 1e9) {
        const v = await currentVersion(op);
        if (v !== null) b.version = v;
      }
      let payload: string | undefined;
      if (c.body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(c.body.value);
      }
      const res = await t.app.inject({ method: op.method as 'GET', url: `${c.url}${qs}`, headers, ...(payload !== undefined ? { payload } : {}), remoteAddress: nextIp() });
      if (String(res.headers['set-cookie'] ?? '').includes('gk_session=')) sessions.delete(role);
      const shown = `[${role}] ${op.method} ${c.url}${qs.slice(0, 200)} ${payload ? payload.slice(0, 300) : ''}`;
      const st = stats.get(op.name) ?? [0, 0];
      st[res.statusCode < 300 ? 0 : 1] += 1;
      stats.set(op.name, st);
      if (process.env.FUZZ_DEBUG === op.name) process.stderr.write(`FUZZ k${c.kind} ${res.statusCode} ${payload?.slice(0, 600)} → ${res.body.slice(0, 400)}\n`);
      const why = problemViolation(res);
      if (why) failures.push(`${shown} → ${why}`);
      else if (res.statusCode < 300 && invalid.length) failures.push(`${shown} → ${res.statusCode} accepted invalid input: ${invalid.join('; ')}`);
    }
    expect(failures, `${failures.length} of ${cases.length} generated requests break the rules:\n${failures.slice(0, 30).join('\n')}`).toEqual([]);
  }, 300_000);
});
