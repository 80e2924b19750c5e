// Mail: with SMTP_URL set, the notifications of the outbox are sent by SMTP (a local smtp-server here);
// the 3-working-day reminder to the office is queued once per application and due date.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedCalendar } from '../../src/core/calendar/index.ts';
import { createTestApp, type TestApp } from './harness.ts';

const require = createRequire(import.meta.url);
interface Received { to: string; subject: string; text: string }
interface SmtpServerLike { listen(port: number, host: string, cb: () => void): void; close(cb: () => void): void; server: { address(): AddressInfo } }
const { SMTPServer } = require('smtp-server') as { SMTPServer: new (o: object) => SmtpServerLike };
const { simpleParser } = require('mailparser') as { simpleParser: (s: unknown) => Promise<{ to?: { text: string }; subject?: string; text?: string }> };

describe('applications mail (sqlite, SMTP)', () => {
  let t: TestApp;
  let server: SmtpServerLike;
  const received: Received[] = [];
  const today = '2025-06-02'; // a Monday
  const cal = shippedCalendar();

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream: unknown, _session: unknown, cb: () => void) {
        void simpleParser(stream).then((m) => { received.push({ to: m.to?.text ?? '', subject: m.subject ?? '', text: m.text ?? '' }); cb(); });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = server.server.address().port;
    t = await createTestApp('sqlite', { env: { SMTP_URL: `smtp://127.0.0.1:${port}` }, clock: () => new Date(`${today}T02:00:00Z`) });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((r) => server.close(r));
  });

  it('a registration with an e-mail address sends the receipt notice by SMTP', async () => {
    const r = await t.api('POST', '/api/applications/offline', {
      as: 'officer',
      body: {
        applicant: { type: 'natural_person', name: '周九', idType: '居民身份证', idNumber: '370602199001011239', phone: '13800000009', email: 'zhoujiu@example.com' },
        content: '请公开本局2024年度行政许可统计', provideForm: '电子邮件', obtainMethod: '电子邮件', channel: 'in_person', submittedOn: today,
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    await t.services.applications.mailer.flush();
    const mine = () => received.filter((m) => m.to === 'zhoujiu@example.com');
    for (let i = 0; i < 50 && mine().length === 0; i++) await new Promise((res) => setTimeout(res, 100));
    expect(mine()).toHaveLength(1);
    expect(mine()[0]!.subject).toContain('已收到您的政府信息公开申请');
    expect(mine()[0]!.text).toContain('2025年6月2日');
    // the recipient is stored encrypted: find the row by its application
    const appId = (r.json() as { id: number }).id;
    const row = await t.db.selectFrom('mail_outbox').select(['sent_at', 'error', 'to_address']).where('application_id', '=', appId).where('reason', '=', 'receipt').executeTakeFirstOrThrow();
    expect(row.to_address).not.toContain('zhoujiu');
    expect(row.error).toBeNull();
    expect(row.sent_at).not.toBeNull();
  });

  it('the office is reminded 3 working days before a due date, once', async () => {
    // received so that the due date is exactly 3 working days after today
    const due = cal.addWorkdays(today, 3);
    const receivedOn = cal.addWorkdays(due, -20);
    const r = await t.api('POST', '/api/applications/offline', {
      as: 'officer',
      body: { applicant: { type: 'natural_person', name: '吴十', idType: '居民身份证', idNumber: '370602199001011263', phone: '13800000010' }, content: '请公开某文件', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: receivedOn },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect((r.json() as { dueDate: string }).dueDate).toBe(due);
    expect(await t.services.applications.remindDueSoon()).toBe(1);
    expect(await t.services.applications.remindDueSoon()).toBe(0);
    const m = await t.db.selectFrom('mail_outbox').select(['reason', 'subject', 'to_address']).where('reason', '=', 'due_soon').execute();
    expect(m).toHaveLength(1);
    expect(m[0]!.subject).toContain(`将于${Number(due.slice(0, 4))}年${Number(due.slice(5, 7))}月${Number(due.slice(8))}日到期`);
  });
});
