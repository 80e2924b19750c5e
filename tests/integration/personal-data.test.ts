// Applicants' personal data, per role and door: the handling agency (officer, reviewer, leader) sees the
// demo applicant 张三's 证件号码, phone, email and address; the supervisor and the system administrator
// see none of them in getApplication, listApplications, the case page, the mail outbox (API + page),
// letter DOCX/PDF downloads, attachments and the CSV export. Encryption at rest (no plaintext in the
// raw rows, exact-match search through the keyed hash, key rotation) and the access log.
import { spawnSync } from 'node:child_process';
import { inflateRawSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { createServices } from '../../src/main.ts';
import { createCipher, keyIdOf } from '../../src/features/personal-data/personal-data.crypto.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

// The demo applicant (features/applications/applications.seed.ts PEOPLE.zhang).
const ZHANG = { name: '张三', idNumber: '370602199001011239', phone: '13800000000', email: 'zhangsan@example.com', address: '山东省烟台市芝罘区南大街1号' };
const SECRETS = [ZHANG.idNumber, ZHANG.phone, ZHANG.email, ZHANG.address] as const;

const HANDLING = ['officer', 'reviewer', 'leader'] as const;
const OUTSIDE = ['supervisor', 'admin'] as const;
const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');

/** The text of word/document.xml of a DOCX (a zip: central directory → local header → raw deflate). */
function docxText(buf: Buffer): string {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(eocd + 16);
  const n = buf.readUInt16LE(eocd + 10);
  for (let i = 0; i < n; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (name === 'word/document.xml') {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8').replace(/<[^>]+>/g, '');
    }
    p += 46 + nameLen + extra + comment;
  }
  throw new Error('no word/document.xml');
}

const havePdftotext = spawnSync('sh', ['-c', 'command -v pdftotext'], { encoding: 'utf8' }).status === 0;
function pdfText(buf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-pdf-'));
  try {
    const file = path.join(dir, 'x.pdf');
    writeFileSync(file, buf);
    const r = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return r.stdout.replace(/\s+/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Which of 张三's personal values a response body contains. */
function secretsIn(body: string): string[] {
  return [ZHANG.name, ...SECRETS].filter((s) => body.includes(s));
}

describe.each(engines())('personal data (%s)', (engine) => {
  let t: TestApp;
  let caseId: number;
  let letterId: number;
  let attachmentCase: number;
  let attachmentId: number;
  const get = async (url: string, as: string): Promise<LightMyRequestResponse> => t.api('GET', url, { as });

  beforeAll(async () => {
    t = await createTestApp(engine, { env: { PERSONAL_DATA_KEY: KEY_A } });
    // 张三's concluded case (the one answered by e-mail: letters and mails exist)
    const rows = await t.db.selectFrom('applications').select(['id']).where('applicant_name', '=', ZHANG.name).orderBy('id').execute();
    for (const r of rows) {
      const l = await t.db.selectFrom('letters').select('id').where('application_id', '=', r.id).orderBy('id').executeTakeFirst();
      const m = await t.db.selectFrom('mail_outbox').select('id').where('application_id', '=', r.id).executeTakeFirst();
      if (l && m) { caseId = r.id; letterId = l.id; break; }
    }
    expect(caseId, 'demo case of 张三 with a letter and a mail').toBeDefined();
    // an application of 张三 with an identity scan, registered by the officer
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const reg = await t.api('POST', '/api/applications/offline', {
      as: 'officer',
      body: {
        applicant: { type: 'natural_person', name: ZHANG.name, idType: '居民身份证', idNumber: ZHANG.idNumber, phone: ZHANG.phone, email: ZHANG.email, address: ZHANG.address },
        content: '请公开本局2025年行政许可办件统计', provideForm: '纸质', obtainMethod: '邮寄', channel: 'in_person', submittedOn: t.services.applications.today(),
        attachments: [{ filename: '张三身份证.png', contentBase64: PNG.toString('base64') }],
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    attachmentCase = (reg.json() as { id: number }).id;
    attachmentId = (reg.json() as { attachments: { id: number }[] }).attachments[0]!.id;
  });
  afterAll(async () => t?.close());

  describe('getApplication (API JSON)', () => {
    it.each(HANDLING)('%s of the handling agency sees 证件号码, phone, email, address', async (role) => {
      const r = await get(`/api/applications/${caseId}`, role);
      expect(r.statusCode).toBe(200);
      const a = (r.json() as { applicant: Record<string, string | null> }).applicant;
      expect(a).toMatchObject({ name: ZHANG.name, idNumber: ZHANG.idNumber, phone: ZHANG.phone, email: ZHANG.email, address: ZHANG.address });
      expect(r.headers['cache-control']).toBe('no-store');
    });
    it.each(OUTSIDE)('%s sees the case without the person', async (role) => {
      const r = await get(`/api/applications/${caseId}`, role);
      expect(r.statusCode).toBe(200);
      expect(secretsIn(r.body)).toEqual([]);
      const a = (r.json() as { applicant: Record<string, string | null> }).applicant;
      expect(a).toMatchObject({ name: '张*', idType: '居民身份证', idNumber: '***', phone: '***', email: '***', address: '***' });
      expect((r.json() as { applicantName: string }).applicantName).toBe('张*');
      expect(r.headers['cache-control']).toBe('no-store');
    });
  });

  describe('listApplications', () => {
    it.each([...HANDLING.map((r) => [r, true] as const), ...OUTSIDE.map((r) => [r, false] as const)])('%s: names %s', async (role, full) => {
      const r = await get('/api/applications', role);
      expect(r.statusCode).toBe(200);
      const names = (r.json() as { applications: { id: number; applicantName: string }[] }).applications.filter((x) => x.id === caseId).map((x) => x.applicantName);
      expect(names).toEqual([full ? ZHANG.name : '张*']);
      if (!full) expect(secretsIn(r.body)).toEqual([]);
      // an organisation's name is no personal data: everyone sees it
      expect(r.body).toContain('烟台海岸建设工程有限公司');
    });
  });

  describe('case page (HTML)', () => {
    it.each(HANDLING)('%s sees the personal data', async (role) => {
      const r = await get(`/admin/applications/${caseId}`, role);
      expect(r.statusCode).toBe(200);
      expect(secretsIn(r.body)).toEqual([ZHANG.name, ...SECRETS]);
      expect(r.headers['cache-control']).toBe('no-store');
    });
    it.each(OUTSIDE)('%s sees none (letters and reply texts masked too)', async (role) => {
      const r = await get(`/admin/applications/${caseId}`, role);
      expect(r.statusCode).toBe(200);
      expect(secretsIn(r.body)).toEqual([]);
      expect(r.body).toContain('张*');
    });
  });

  describe('attachments (identity scans)', () => {
    it('the officer opens it; supervisor and admin are refused, and the file name is masked for them', async () => {
      const file = await get(`/admin/applications/${attachmentCase}/attachments/${attachmentId}`, 'officer');
      expect(file.statusCode).toBe(200);
      // decrypted on the way out: the very bytes uploaded
      expect(file.rawPayload.toString('base64')).toBe('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==');
      for (const role of OUTSIDE) {
        expect((await get(`/admin/applications/${attachmentCase}/attachments/${attachmentId}`, role)).statusCode).toBe(403);
        const page = await get(`/admin/applications/${attachmentCase}`, role);
        expect(page.body).not.toContain('张三身份证');
        expect(page.body).not.toContain(`/attachments/${attachmentId}`);
      }
    });
  });

  describe('mail outbox', () => {
    it.each(HANDLING)('%s: recipient and body of 张三\'s mail (API and page)', async (role) => {
      const r = await get('/api/mail-outbox', role);
      expect(r.statusCode).toBe(200);
      const mine = (r.json() as { messages: { applicationId: number; reason: string; to: string; body: string | null }[] }).messages.filter((m) => m.applicationId === caseId && m.reason !== 'due_soon');
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((m) => m.to === ZHANG.email && m.body?.startsWith(`${ZHANG.name}：`))).toBe(true);
      const page = await get('/admin/mail-outbox', role);
      expect(page.body).toContain(ZHANG.email);
      expect(page.headers['cache-control']).toBe('no-store');
    });
    it.each(OUTSIDE)('%s: no recipient, no body (API and page)', async (role) => {
      const r = await get('/api/mail-outbox', role);
      expect(r.statusCode).toBe(200);
      const msgs = (r.json() as { messages: { applicationId: number; to: string; body: string | null }[] }).messages;
      expect(msgs.some((m) => m.applicationId === caseId)).toBe(true);
      expect(msgs.every((m) => m.to === '***' && m.body === null)).toBe(true);
      expect(secretsIn(r.body)).toEqual([]);
      const page = await get('/admin/mail-outbox', role);
      expect(page.statusCode).toBe(200);
      expect(secretsIn(page.body)).toEqual([]);
    });
  });

  describe('letters', () => {
    it.each([...HANDLING.map((r) => [r, true] as const), ...OUTSIDE.map((r) => [r, false] as const)])('%s: DOCX with the full name = %s', async (role, full) => {
      for (const url of [`/api/applications/${caseId}/letters/${letterId}.docx`, `/admin/applications/${caseId}/letters/${letterId}.docx`]) {
        const r = await get(url, role);
        expect(r.statusCode).toBe(200);
        const text = docxText(r.rawPayload);
        expect(text.includes(ZHANG.name)).toBe(full);
        expect(text.includes('张*')).toBe(!full);
        expect(r.headers['cache-control']).toBe('no-store');
      }
    });
    it.each([...HANDLING.map((r) => [r, true] as const), ...OUTSIDE.map((r) => [r, false] as const)])('%s: PDF with the full name = %s', async (role, full) => {
      const r = await get(`/api/applications/${caseId}/letters/${letterId}.pdf`, role);
      expect(r.statusCode).toBe(200);
      expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      if (!havePdftotext) {
        if (process.env.GONGKAI_REQUIRE_ALL === '1') throw new Error('pdftotext (poppler-utils) is required');
        return;
      }
      const text = pdfText(r.rawPayload);
      expect(text.includes(ZHANG.name)).toBe(full);
      expect(text.includes('张*')).toBe(!full);
    });
  });

  describe('CSV export', () => {
    it('masked by default for everyone, unmasked only for a handling role that asks; others are refused', async () => {
      for (const role of [...HANDLING, ...OUTSIDE]) {
        const r = await get('/admin/applications.csv', role);
        expect(r.statusCode).toBe(200);
        expect(secretsIn(r.body)).toEqual([]);
        expect(r.body).toContain('张*');
      }
      for (const role of HANDLING) {
        const r = await get('/admin/applications.csv?personal=full', role);
        expect(r.statusCode).toBe(200);
        expect(secretsIn(r.body)).toEqual([ZHANG.name, ...SECRETS]);
      }
      for (const role of OUTSIDE) expect((await get('/admin/applications.csv?personal=full', role)).statusCode).toBe(403);
    });
  });

  describe('annual report drill-down (names behind a 表三 cell)', () => {
    it('the officer sees 张三, the supervisor 张*', async () => {
      const row = await t.db.selectFrom('applications').select(['agency_id', 'concluded_on', 'outcome']).where('id', '=', caseId).executeTakeFirstOrThrow();
      const year = row.concluded_on!.slice(0, 4);
      const compiled = await t.form(`/admin/annual/${row.agency_id}/compile`, { year, format: '' }, { as: 'officer' });
      expect([303, 200]).toContain(compiled.statusCode);
      const url = `/admin/annual/${row.agency_id}/${year}/cell?ref=${encodeURIComponent('table3|（一）予以公开|自然人')}`;
      const officer = await get(url, 'officer');
      expect(officer.statusCode).toBe(200);
      expect(officer.body).toContain(ZHANG.name);
      const sup = await get(url, 'supervisor');
      expect(sup.statusCode).toBe(200);
      expect(sup.body).not.toContain(ZHANG.name);
      expect(sup.body).toContain('张*');
    });
  });

  describe('public status page', () => {
    it('shows the state and no personal data', async () => {
      const row = await t.db.selectFrom('applications').select('query_code').where('id', '=', caseId).executeTakeFirstOrThrow();
      const r = await t.app.inject({ method: 'GET', url: `/api/applications/status?code=${row.query_code}&phone=${ZHANG.phone}` });
      expect(r.statusCode).toBe(200);
      expect(secretsIn(r.body)).toEqual([]);
      expect(r.headers['cache-control']).toBe('no-store');
    });
  });

  describe('access log', () => {
    it('a full view is logged in the same request (door, fields); masked views are not', async () => {
      const before = await t.db.selectFrom('personal_data_access').select('id').execute();
      await get(`/api/applications/${caseId}`, 'reviewer');
      await get(`/admin/applications/${caseId}`, 'leader');
      await get(`/api/applications/${caseId}/letters/${letterId}.pdf`, 'officer');
      await get(`/admin/applications/${attachmentCase}/attachments/${attachmentId}`, 'officer');
      await get(`/api/applications/${caseId}`, 'supervisor');
      await get(`/admin/applications/${caseId}`, 'admin');
      const rows = await t.db.selectFrom('personal_data_access').selectAll().where('id', 'not in', before.length ? before.map((b) => b.id) : [-1]).orderBy('id').execute();
      expect(rows.map((r) => [r.username, r.door, r.application_id])).toEqual([
        ['reviewer', 'api_get', caseId], ['leader', 'case_page', caseId], ['officer', 'letter_pdf', caseId], ['officer', 'attachment', attachmentCase],
      ]);
      expect(rows[0]!.fields.split(',')).toEqual(['name', 'idNumber', 'phone', 'email', 'address']);
      expect(rows[0]!.request_id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('admin and leader read it (API paged, page); officer and supervisor are refused', async () => {
      const l = await get(`/api/personal-data/access-log?pageSize=2&applicationId=${caseId}`, 'leader');
      expect(l.statusCode).toBe(200);
      const body = l.json() as { items: { username: string; door: string; doorLabel: string }[]; total: number; page: number; pageSize: number };
      expect(body.pageSize).toBe(2);
      expect(body.items).toHaveLength(2);
      expect(body.total).toBeGreaterThanOrEqual(3);
      const p2 = await get(`/api/personal-data/access-log?pageSize=2&page=2&applicationId=${caseId}`, 'leader');
      expect((p2.json() as { page: number }).page).toBe(2);
      expect((await get('/api/personal-data/access-log', 'admin')).statusCode).toBe(200);
      expect((await get('/api/personal-data/access-log', 'officer')).statusCode).toBe(403);
      expect((await get('/api/personal-data/access-log', 'supervisor')).statusCode).toBe(403);
      expect((await get('/api/personal-data/access-log?page=0', 'admin')).statusCode).toBe(400);
      const page = await get('/admin/personal-data-access', 'leader');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('个人信息访问记录');
      expect(page.body).toContain('案件页面');
      expect(secretsIn(page.body)).toEqual([]);
    });
  });
  describe('encryption at rest', () => {
    it('raw rows hold envelopes under the configured key, no plaintext (applications, outbox, applicant key)', async () => {
      const rows = await t.db.selectFrom('applications').selectAll().where('applicant_name', '=', ZHANG.name).execute();
      expect(rows.length).toBeGreaterThanOrEqual(2);
      const kid = keyIdOf(Buffer.from(KEY_A, 'base64'));
      for (const r of rows) {
        const raw = JSON.stringify(r);
        for (const s of SECRETS) expect(raw).not.toContain(s);
        for (const v of [r.phone, r.id_number, r.email, r.address]) expect(v).toMatch(new RegExp(`^pd1:${kid}:`));
        expect(r.applicant_key).toMatch(/^PH:[0-9a-f]{64}$/);
        expect(r.phone_hash).toMatch(/^[0-9a-f]{64}$/);
      }
      const mails = await t.db.selectFrom('mail_outbox').select(['to_address', 'body']).where('application_id', '=', caseId).execute();
      expect(mails.length).toBeGreaterThan(0);
      for (const m of mails) {
        expect(m.to_address).toMatch(/^pd1:/);
        expect(m.body).toMatch(/^pd1:/);
        expect(m.body).not.toContain(ZHANG.name);
      }
      // the identity scan: an envelope, not the file's base64
      const att = await t.db.selectFrom('application_attachments').select('content_base64').where('id', '=', attachmentId).executeTakeFirstOrThrow();
      expect(att.content_base64).toMatch(new RegExp(`^pd1:${kid}:`));
      expect(att.content_base64).not.toContain('iVBORw0KGgo');
      // the same applicant is still recognised (hints, 109号 monthly count) through the keyed applicant key
      expect(new Set(rows.map((r) => r.applicant_key)).size).toBe(1);
    });

    it('an exact phone or identity number finds the applicant for the handling agency only', async () => {
      for (const q of [ZHANG.idNumber, ZHANG.phone, '138-0000-0000', ZHANG.idNumber.toLowerCase()]) {
        const r = await get(`/api/applications?q=${encodeURIComponent(q)}`, 'officer');
        const ids = (r.json() as { applications: { id: number }[] }).applications.map((a) => a.id);
        expect(ids).toContain(caseId);
        expect(ids).toContain(attachmentCase);
      }
      // a partial number is no exact match
      const part = await get(`/api/applications?q=${ZHANG.idNumber.slice(0, 10)}`, 'officer');
      expect((part.json() as { applications: unknown[] }).applications).toEqual([]);
      // the supervisor cannot probe who applied, neither by a number nor by the full name it sees masked
      for (const q of [ZHANG.idNumber, ZHANG.phone, ZHANG.name]) {
        const sup = await get(`/api/applications?q=${encodeURIComponent(q)}`, 'supervisor');
        expect((sup.json() as { applications: unknown[] }).applications).toEqual([]);
      }
      const byName = await get(`/api/applications?q=${encodeURIComponent(ZHANG.name)}`, 'officer');
      expect((byName.json() as { applications: { id: number }[] }).applications.map((a) => a.id)).toContain(caseId);
    });

    it('rows written in plaintext (before 060, bulk loaders) are sealed, with hashes and the keyed applicant key', async () => {
      const at = new Date().toISOString();
      const agency = await t.db.selectFrom('applications').select('agency_id').where('id', '=', caseId).executeTakeFirstOrThrow();
      const ins = await t.db.insertInto('applications').values({
        agency_id: agency.agency_id, query_code: 'GKLEGACY0001', channel: 'in_person', submitted_on: '2024-03-01', received_on: '2024-03-01',
        applicant_type: 'natural_person', applicant_name: '旧六', id_type: '居民身份证', id_number: '110105194912310029', phone: '13911112222',
        address: '北京市朝阳区旧路6号', email: 'old6@example.com', applicant_key: 'P:110105194912310029', content: '旧数据', provide_form: '纸质', obtain_method: '自行领取',
        fee_waiver_requested: 0, state: 'received', created_at: at, updated_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      const r = await t.services.personalData.sealPlaintext();
      expect(r.applications).toBe(1);
      const row = await t.db.selectFrom('applications').selectAll().where('id', '=', ins.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toMatch(/110105194912310029|13911112222|old6@|旧路6号/);
      expect(row.applicant_key).toMatch(/^PH:/);
      expect((await t.services.personalData.sealPlaintext()).applications).toBe(0);
      const found = await get('/api/applications?q=13911112222', 'officer');
      expect((found.json() as { applications: { id: number }[] }).applications.map((a) => a.id)).toEqual([ins.id]);
      const d = await get(`/api/applications/${ins.id}`, 'officer');
      expect((d.json() as { applicant: { idNumber: string } }).applicant.idNumber).toBe('110105194912310029');
    });

    it('key rotation: new key + old key readable → rotate re-encrypts everything; then the old key can go', async () => {
      const env = { NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: t.config.databaseUrl };
      const database = { ...t.database, close: async () => {} };
      const rotated = createServices(loadConfig({ ...env, PERSONAL_DATA_KEY: KEY_B, PERSONAL_DATA_PREVIOUS_KEYS: KEY_A }), database);
      const newKid = keyIdOf(Buffer.from(KEY_B, 'base64'));
      const r = await rotated.personalData.rotate();
      expect(r.keyId).toBe(newKid);
      expect(r.applications).toBeGreaterThan(0);
      expect(r.mails).toBeGreaterThan(0);
      expect(r.attachments).toBeGreaterThan(0);
      for (const a of await t.db.selectFrom('application_attachments').select('content_base64').execute()) expect(a.content_base64).toMatch(new RegExp(`^pd1:${newKid}:`));
      const all = await t.db.selectFrom('applications').select(['phone', 'id_number', 'phone_hash']).execute();
      for (const row of all) expect(row.phone).toMatch(new RegExp(`^pd1:${newKid}:`));
      const outbox = await t.db.selectFrom('mail_outbox').select(['to_address', 'body']).execute();
      for (const m of outbox) {
        expect(m.to_address).toMatch(new RegExp(`^pd1:${newKid}:`));
        expect(m.body).toMatch(new RegExp(`^pd1:${newKid}:`));
      }
      expect((await rotated.personalData.rotate()).applications).toBe(0);
      // the new key alone reads everything and finds by hash
      const only = createCipher({ current: Buffer.from(KEY_B, 'base64'), previous: [] });
      const z = await t.db.selectFrom('applications').select(['phone', 'phone_hash']).where('id', '=', caseId).executeTakeFirstOrThrow();
      expect(only.open('applications.phone', z.phone)).toBe(ZHANG.phone);
      expect(z.phone_hash).toBe(only.hash('phone', ZHANG.phone));
      // the old key alone no longer reads it
      const old = createCipher({ current: Buffer.from(KEY_A, 'base64'), previous: [] });
      expect(() => old.open('applications.phone', z.phone)).toThrow(/不在已配置的密钥中/);
    });
  });

});
