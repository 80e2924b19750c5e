// The 3-working-day reply reminder goes to the assigned officer's own e-mail address (the outbox row names the
// user); a case whose officer has no address, is no longer active, or that has no officer goes to the agency
// mailbox. Once per case and due date. SQLite; PostgreSQL with TEST_DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedCalendar } from '../../src/core/calendar/index.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const today = '2025-06-02'; // a Monday
const cal = shippedCalendar();

describe.each(engines())('reply reminders to the officer (%s)', (engine) => {
  let t: TestApp;
  const users: Record<string, { id: number; username: string }> = {};
  const cases: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => new Date(`${today}T02:00:00+08:00`) });
    const dept = await buildAgency(t.db, { name: '提醒测试局', email: 'office@tixing.example.gov.cn' });
    for (const [k, email, active] of [['withEmail', 'li.si@tixing.example.gov.cn', 1], ['noEmail', null, 1], ['left', 'left@tixing.example.gov.cn', 1]] as const) {
      const row = await buildUser(t.db, { role: 'officer', agency_id: dept.id, email, active });
      users[k] = { id: row.id, username: row.username };
    }
    // received so that the due date is exactly 3 working days after today
    const receivedOn = cal.addWorkdays(cal.addWorkdays(today, 3), -20);
    let n = 0;
    for (const k of ['withEmail', 'noEmail', 'left']) {
      n++;
      const r = await t.api('POST', '/api/applications/offline', {
        as: users[k]!.username, password: TEST_PASSWORD,
        body: { applicant: { type: 'natural_person', name: `提醒${n}`, idType: '居民身份证', idNumber: '370602199001011239', phone: `1380000001${n}` }, content: `请公开某文件第${n}号`, provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: receivedOn },
      });
      expect(r.statusCode, r.body).toBe(201);
      cases[k] = (r.json() as { id: number; assignedUserId: number }).id;
      expect((r.json() as { assignedUserId: number }).assignedUserId).toBe(users[k]!.id);
    }
    // the third officer has left the agency since: the reminder must not go to a dead mailbox
    await t.db.updateTable('users').set({ active: 0 }).where('id', '=', users.left!.id).execute();
  });
  afterAll(() => t?.close());

  it('queues one reminder per case, to the officer when the officer has an address, else to the agency mailbox', async () => {
    expect(await t.services.applications.remindDueSoon()).toBe(3);
    expect(await t.services.applications.remindDueSoon()).toBe(0);
    // through the mailer: recipient addresses are stored encrypted
    const mine = (await t.services.applications.mailer.list(null)).filter((m) => m.reason === 'due_soon' && Object.values(cases).includes(m.application_id!));
    const byCase = (k: string) => mine.filter((m) => m.application_id === cases[k]);
    const table: [string, string, number | null][] = [
      ['withEmail', 'li.si@tixing.example.gov.cn', users.withEmail!.id],
      ['noEmail', 'office@tixing.example.gov.cn', null],
      ['left', 'office@tixing.example.gov.cn', null],
    ];
    for (const [k, to, userId] of table) {
      expect(byCase(k), k).toHaveLength(1);
      expect(byCase(k)[0]!.to_address, k).toBe(to);
      expect(byCase(k)[0]!.user_id, k).toBe(userId);
      expect(byCase(k)[0]!.subject, k).toContain('将于2025年6月5日到期');
    }
  });
});
