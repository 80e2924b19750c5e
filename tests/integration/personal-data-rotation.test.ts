// Key rotation covers every sealed column: applicants, mail, identity scans, disclosed files with their redacted copy
// and redaction terms, 实名 raters, suggesters and 差评 evidence files. After `rotate` under a new key (old key still
// readable), every stored envelope is under the new key, the new key alone opens it, the old key alone opens none,
// and the exact-match hashes (applicants' phone and 证件号码, raters' phone) find the records under the new key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.ts';
import { createServices } from '../../src/main.ts';
import { createCipher, keyIdOf } from '../../src/features/personal-data/personal-data.crypto.ts';
import { ATTACHMENT_FIELD, DISCLOSURE_TERMS_FIELD, EVIDENCE_FIELD, SEALED_TABLES } from '../../src/features/personal-data/personal-data.service.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const KEY_A = Buffer.alloc(32, 7).toString('base64');
const KEY_B = Buffer.alloc(32, 8).toString('base64');
const CODE = '12370602780795309E';
const RATER = { name: '钱七', phone: '13700000077' };
const SUGGESTER = { name: '孙八', phone: '13600000088' };
const ZHANG = { idNumber: '370602199001011239', phone: '13800000000' };
const FILE = Buffer.from('%PDF-1.4 disclosed file of 张三\n');
const TERMS = JSON.stringify(['第三方 王五']);

describe.each(engines())('personal-data key rotation over every sealed column (%s)', (engine) => {
  let t: TestApp;
  const onlyNew = createCipher({ current: Buffer.from(KEY_B, 'base64'), previous: [] });
  const onlyOld = createCipher({ current: Buffer.from(KEY_A, 'base64'), previous: [] });
  const newKid = keyIdOf(Buffer.from(KEY_B, 'base64'));
  const oldKid = keyIdOf(Buffer.from(KEY_A, 'base64'));

  beforeAll(async () => {
    t = await createTestApp(engine, { env: { PERSONAL_DATA_KEY: KEY_A } });
    const rating = await t.app.inject({ method: 'POST', url: '/api/evaluations', payload: { agency: CODE, level: 1, channel: 'qr', target: { type: 'agency' }, comment: '窗口无人', contact: RATER } });
    expect(rating.statusCode, rating.body).toBe(201);
    const suggestion = await t.app.inject({ method: 'POST', url: '/api/suggestions', payload: { agency: CODE, content: '建议增加自助终端', contact: SUGGESTER } });
    expect(suggestion.statusCode, suggestion.body).toBe(201);
    // a disclosed file with a redacted copy and search terms, and an evidence file of the 差评's work order, sealed
    // under the old key as the features write them
    const c = t.services.personalData.cipher;
    const app = await t.db.selectFrom('applications').select(['id', 'agency_id']).orderBy('id').executeTakeFirstOrThrow();
    await t.db.insertInto('application_disclosures').values({
      agency_id: app.agency_id, application_id: app.id, draft_seq: 1, letter_id: null, kind: 'file', title: '公开文件', filename: 'a.pdf', mime: 'application/pdf', size: FILE.length,
      content_base64: c.sealBytes(ATTACHMENT_FIELD, FILE), catalogue_item_id: null, frozen_at: null, created_at: '2025-06-10T02:00:00.000Z', created_by: null,
      redacted_base64: c.sealBytes(ATTACHMENT_FIELD, FILE), redacted_size: FILE.length, redacted_at: '2025-06-10T02:00:00.000Z', redaction_terms: c.seal(DISCLOSURE_TERMS_FIELD, TERMS),
    }).execute();
    const order = await t.db.selectFrom('evaluation_orders as o').innerJoin('evaluations as e', 'e.id', 'o.evaluation_id').select(['o.id', 'o.agency_id']).where('e.rater_name', 'is not', null).executeTakeFirstOrThrow();
    await t.db.insertInto('evaluation_order_files').values({ agency_id: order.agency_id, order_id: order.id, filename: 'e.png', mime: 'image/png', size: FILE.length, content_base64: c.sealBytes(EVIDENCE_FIELD, FILE), created_at: '2025-06-10T02:00:00.000Z' }).execute();
  }, 120_000);
  afterAll(() => t?.close());

  /** Every non-empty value of every sealed column, with the field it is sealed under. */
  async function storedValues(): Promise<{ where: string; field: string; bytes: boolean; value: string }[]> {
    const out: { where: string; field: string; bytes: boolean; value: string }[] = [];
    for (const tb of SEALED_TABLES) {
      const rows = (await sql<Record<string, string | null>>`select ${sql.join(tb.columns.map((c) => sql.ref(c.column)))} from ${sql.table(tb.table)}`.execute(t.db)).rows;
      for (const r of rows) for (const c of tb.columns) if (r[c.column]) out.push({ where: `${tb.table}.${c.column}`, field: c.field, bytes: !!c.bytes, value: r[c.column]! });
    }
    return out;
  }

  it('before: the rater, the suggester, the disclosure and the evidence are sealed under the old key', async () => {
    const v = await storedValues();
    for (const w of ['evaluations.rater_name', 'evaluations.rater_phone', 'suggestions.contact_name', 'suggestions.contact_phone', 'application_disclosures.content_base64',
      'application_disclosures.redacted_base64', 'application_disclosures.redaction_terms', 'evaluation_order_files.content_base64', 'mail_outbox.to_address']) {
      const of = v.filter((x) => x.where === w);
      expect(of.length, w).toBeGreaterThan(0);
      for (const x of of) expect(x.value.startsWith(`pd1:${oldKid}:`), `${w} under the old key`).toBe(true);
    }
  });

  it('rotate re-encrypts every sealed column with the new key; the new key alone reads them, the old key alone none; hashes find the records', async () => {
    const env = { NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: t.config.databaseUrl };
    const rotated = createServices(loadConfig({ ...env, PERSONAL_DATA_KEY: KEY_B, PERSONAL_DATA_PREVIOUS_KEYS: KEY_A }), { ...t.database, close: async () => {} });
    const r = await rotated.personalData.rotate();
    expect(r).toMatchObject({ keyId: newKid, ratings: 1, suggestions: 1, disclosures: 1, evidenceFiles: 1 });
    expect(r.applications).toBeGreaterThan(0);
    expect(r.mails).toBeGreaterThan(0);

    const v = await storedValues();
    expect(v.length).toBeGreaterThan(10);
    for (const x of v) {
      expect(x.value.startsWith(`pd1:${newKid}:`), `${x.where} under the new key`).toBe(true);
      if (x.bytes) {
        expect(() => onlyNew.openBytes(x.field, x.value), x.where).not.toThrow();
        expect(() => onlyOld.openBytes(x.field, x.value), x.where).toThrow(/不在已配置的密钥中/);
      } else {
        expect(() => onlyNew.open(x.field, x.value), x.where).not.toThrow();
        expect(() => onlyOld.open(x.field, x.value), x.where).toThrow(/不在已配置的密钥中/);
      }
    }
    const e = await t.db.selectFrom('evaluations').select(['rater_name', 'rater_phone', 'phone_hash']).where('rater_name', 'is not', null).executeTakeFirstOrThrow();
    expect([onlyNew.open('evaluations.rater_name', e.rater_name), onlyNew.open('evaluations.rater_phone', e.rater_phone)]).toEqual([RATER.name, RATER.phone]);
    const s = await t.db.selectFrom('suggestions').select(['contact_name', 'contact_phone']).where('contact_name', 'is not', null).executeTakeFirstOrThrow();
    expect([onlyNew.open('suggestions.contact_name', s.contact_name), onlyNew.open('suggestions.contact_phone', s.contact_phone)]).toEqual([SUGGESTER.name, SUGGESTER.phone]);
    const d = await t.db.selectFrom('application_disclosures').select(['content_base64', 'redacted_base64', 'redaction_terms']).where('title', '=', '公开文件').executeTakeFirstOrThrow();
    expect(onlyNew.openBytes(ATTACHMENT_FIELD, d.content_base64!).equals(FILE)).toBe(true);
    expect(onlyNew.openBytes(ATTACHMENT_FIELD, d.redacted_base64!).equals(FILE)).toBe(true);
    expect(onlyNew.open(DISCLOSURE_TERMS_FIELD, d.redaction_terms)).toBe(TERMS);
    const f = await t.db.selectFrom('evaluation_order_files').select('content_base64').executeTakeFirstOrThrow();
    expect(onlyNew.openBytes(EVIDENCE_FIELD, f.content_base64).equals(FILE)).toBe(true);

    // exact-match hashes under the new key find the records (and the old key's hashes find none)
    const byRaterPhone = await t.db.selectFrom('evaluations').select('id').where('phone_hash', '=', onlyNew.hash('phone', RATER.phone)).execute();
    expect(byRaterPhone).toHaveLength(1);
    expect(await t.db.selectFrom('evaluations').select('id').where('phone_hash', '=', onlyOld.hash('phone', RATER.phone)).execute()).toHaveLength(0);
    const byPhone = await t.db.selectFrom('applications').select('id').where('phone_hash', '=', onlyNew.hash('phone', ZHANG.phone)).execute();
    expect(byPhone.length).toBeGreaterThan(0);
    const byId = await t.db.selectFrom('applications').select('id').where('id_number_hash', '=', onlyNew.hash('idNumber', ZHANG.idNumber)).execute();
    expect(byId.length).toBeGreaterThan(0);

    // nothing left for a second pass
    expect(await rotated.personalData.rotate()).toMatchObject({ applications: 0, mails: 0, attachments: 0, disclosures: 0, ratings: 0, suggestions: 0, evidenceFiles: 0 });
  });
});
