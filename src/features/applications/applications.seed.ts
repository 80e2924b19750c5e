// Demo data for 依申请公开: a handful of realistic applications of the demo agency in various states,
// dated relative to today (so "due within 3 working days" and "overdue" show), the 2019 record of the
// 芝罘区行政审批服务局 (one application from a 商业企业, answered 予以公开), and recently concluded cases.
// "Now" is the real date (not the service clock), so tests with a fixed clock in another year see only the 2019 record.
// Every record is made through the service's own actions with a moving clock, so the ledger, the audit
// trail, the letters and the deadlines are exactly what real use would produce.
import type { Calendar } from '../../core/calendar/index.ts';
import type { Role } from '../shared/actor.ts';
import type { Actor } from '../shared/actor.ts';
import type { ApplicationsService } from './applications.service.ts';
import type { ActionInputs } from './applications.schema.ts';
import type { Action } from '../../core/applications/index.ts';
import type { SeedStep } from '../demo/demo.service.ts';

export interface DemoUsers { officer: Actor; reviewer: Actor; leader: Actor }

const at = (d: string) => new Date(`${d}T02:30:00Z`); // 10:30 in Shanghai

const PEOPLE = {
  zhang: { type: 'natural_person' as const, name: '张三', idType: '居民身份证' as const, idNumber: '370602199001011239', phone: '13800000000', address: '山东省烟台市芝罘区南大街1号', email: 'zhangsan@example.com' },
  li: { type: 'natural_person' as const, name: '李娜', idType: '居民身份证' as const, idNumber: '370602198502031225', phone: '13900000002', address: '山东省烟台市芝罘区幸福路8号', email: null },
  wang: { type: 'natural_person' as const, name: '王强', idType: '居民身份证' as const, idNumber: '370602197812150014', phone: '13700000003', address: '山东省烟台市莱山区观海路3号', email: 'wq@example.com' },
  company: { type: 'commercial' as const, name: '烟台海岸建设工程有限公司', creditCode: '91110000600037341L', contactPerson: '赵敏', phone: '0535-6211001', address: '山东省烟台市芝罘区北马路100号', email: 'office@example.com' },
  lab: { type: 'research' as const, name: '烟台海洋环境研究所', creditCode: '12370600MB1234567M', contactPerson: '钱教授', phone: '0535-6900002', address: '山东省烟台市莱山区科技大道2号', email: null },
  lawyer: { type: 'legal_service' as const, name: '山东某某律师事务所', creditCode: '31370000MD0012345Y', contactPerson: '孙律师', phone: '0535-6300003', address: '山东省烟台市芝罘区西大街20号', email: 'law@example.com' },
};

type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

export async function runDemoSeed(make: (clock: () => Date) => ApplicationsService, users: DemoUsers, cal: Calendar, today: string): Promise<number> {
  let now = at(today);
  const s = make(() => now);
  const set = (d: string) => { now = at(d); };
  const back = (n: number) => cal.addWorkdays(today, -n);
  let count = 0;

  async function reg(p: Person, on: string, content: string, provide: '纸质' | '电子邮件' = '纸质', channel: 'in_person' | 'registered_mail' | 'email' = 'in_person') {
    set(on);
    const d = await s.register(users.officer, {
      applicant: { ...p, email: p.email ?? null, postcode: null, legalRepresentative: null, contactPerson: 'contactPerson' in p ? p.contactPerson : null, idType: 'idType' in p ? p.idType : null, idNumber: 'idNumber' in p ? p.idNumber : null, creditCode: 'creditCode' in p ? p.creditCode : null },
      content, docNumber: null, provideForm: provide, obtainMethod: provide === '电子邮件' ? '电子邮件' : '自行领取', email: p.email ?? null,
      channel, submittedOn: on, signedOn: channel === 'registered_mail' ? on : null, confirmedOn: channel === 'email' ? on : null, assignedUserId: users.officer.userId,
    } as never);
    count++;
    return d.id;
  }
  async function act<A extends Action>(who: Actor, id: number, on: string, action: A, input: Omit<ActionInputs[A], 'version'>) {
    set(on);
    const cur = await s.get(who, id);
    await s.act(who, id, action, { ...input, version: cur.version } as ActionInputs[A]);
  }
  async function answer(id: number, outcome: ActionInputs['reply']['outcome'], reasons: string, draftOn: string, issueOn: string, deliver = true) {
    await act(users.officer, id, draftOn, 'reply', { outcome, reasons, otherAgency: null });
    await act(users.reviewer, id, issueOn, 'approveReply', { note: '同意' });
    if (deliver) {
      await act(users.officer, id, issueOn, 'recordDelivery', { method: '邮寄' });
      await act(users.officer, id, issueOn, 'close', {});
    }
  }

  // ── 2019: the 芝罘区行政审批服务局 record — one application, from a 商业企业, answered 予以公开.
  const y2019 = await reg(PEOPLE.company, '2019-06-10', '申请公开本公司办理的建筑工程施工许可证的审批材料目录');
  await answer(y2019, 'disclose', '', '2019-06-20', '2019-06-21');

  // ── concluded in recent months, one answer of each common kind.
  const a = await reg(PEOPLE.zhang, back(60), '请公开本局上一年度行政许可办件数量', '电子邮件', 'email');
  await answer(a, 'disclose', '', back(52), back(51));
  const b = await reg(PEOPLE.lab, back(48), '请提供辖区内海域使用许可的逐项审批记录');
  await answer(b, 'unavailable_not_held', '经检索，本机关未制作、获取该信息；海域使用许可由自然资源部门办理。', back(36), back(35));
  const c = await reg(PEOPLE.lawyer, back(44), '请公开某小区项目规划许可证及附图', '纸质', 'registered_mail');
  await act(users.officer, c, back(42), 'startConsultation', { partyType: 'third_party', party: '烟台某置业有限公司', matter: '申请公开的附图中含有贵公司的商业信息', sentOn: null } as never);
  await act(users.officer, c, back(33), 'endConsultation', { opinion: 'object', note: '不同意公开设计单位报价', answeredOn: null } as never);
  await answer(c, 'partial', '规划许可证予以公开；附图中的报价信息属于第三方商业秘密，第三方不同意公开，不予公开（条例第十五条、第三十二条、第三十七条）。', back(28), back(27));

  // ── now: one case in each situation an officer meets.
  set(back(1));
  const online = await s.submit({ agency: '12370602780795309E', applicant: { ...PEOPLE.li, email: null, postcode: null, legalRepresentative: null, contactPerson: null, creditCode: null }, content: '请公开本局行政审批服务大厅的办事指南目录', provideForm: '纸质', obtainMethod: '自行领取', email: null } as never);
  void online; count++;
  const dueSoon = await reg(PEOPLE.zhang, back(18), '请公开本局2025年行政处罚决定书（摘要）');
  void dueSoon;
  const overdue = await reg(PEOPLE.wang, back(23), '请公开芝罘区某路段道路挖掘许可的审批结果');
  void overdue;
  const corr = await reg(PEOPLE.li, back(4), '请公开关于那个项目的文件');
  await act(users.officer, corr, back(2), 'requestCorrection', { items: ['请写明所需信息所涉及的项目名称或者文号', '请说明所需信息的大致形成时间'] } as never);
  const consult = await reg(PEOPLE.company, back(9), '请公开2025年本局政府采购项目的中标通知书');
  await act(users.officer, consult, back(6), 'startConsultation', { partyType: 'third_party', party: '烟台某信息技术有限公司', matter: '中标通知书中含有贵公司的报价明细', sentOn: null } as never);
  const fee = await reg(PEOPLE.lawyer, back(7), '请提供2020年至2025年本局全部行政许可决定书复印件');
  await act(users.officer, fee, back(5), 'issueFeeNotice', { method: 'per_page', pages: 150 } as never);
  const review = await reg(PEOPLE.lab, back(12), '请公开本局2025年度环评审批文件清单');
  await act(users.officer, review, back(2), 'reply', { outcome: 'partial', reasons: '清单予以公开；其中两项涉及国家秘密的项目名称不予公开（条例第十四条、第三十七条）。', otherAgency: null });
  const ext = await reg(PEOPLE.zhang, back(16), '请公开2023年至2025年本局各类许可的办结时限统计');
  await act(users.officer, ext, back(3), 'requestExtension', { days: 15, reason: '需要从三个业务系统汇总数据' } as never);
  await act(users.leader, ext, back(2), 'approveExtension', { note: '同意延长15个工作日' } as never);
  return count;
}

export function demoActor(u: { id: number; username: string; display_name: string; role: string; agency_id: number }, agencyName: string): Actor {
  return { userId: u.id, username: u.username, displayName: u.display_name, role: u.role as Role, agencyId: u.agency_id, agencyName, visibleAgencyIds: [u.agency_id] };
}

/** The demo seed step (features/demo/seed-steps.ts): applications of the demo 审批服务局. */
export const applicationsSeedStep: SeedStep = {
  name: 'applications',
  async run(ctx) {
    // The seed is given the whole Services bag (main.ts createServices), which includes applications.
    const svc = (ctx.services as unknown as { applications?: ApplicationsService }).applications;
    const dept = ctx.agencies.department;
    if (!svc || !dept) throw new Error('applications seed: the applications service or the demo department is missing');
    const n = await svc.seedDemo(dept.id);
    ctx.log(`依申请公开演示数据：${n} 件申请（含2019年的1件商业企业申请，予以公开）`);
  },
};
