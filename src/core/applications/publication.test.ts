import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from './lifecycle.ts';
import {
  personalDataIn, proposeDraft, publicationEligibility, sameInformationHints, sameInformationSimilarity, suggestKind, titleFromRequest, type PersonalFinding, type ProposalInput,
} from './publication.ts';
import { similarity, textProfile } from './hints.ts';

const ev = (kind: string, on: string, data: Record<string, unknown> = {}): LedgerEvent => ({ kind: kind as LedgerEvent['kind'], on, actorId: 1, data });
const received = [ev('registered', '2026-03-02', { receivedOn: '2026-03-02', channel: 'in_person' })];
const replied = (outcome: string) => [...received, ev('reply_drafted', '2026-03-10', { outcome }), ev('reply_approved', '2026-03-11')];

const ZHANG = { type: 'natural_person', name: '张三', idNumber: '370602199001011239', phone: '13800000000', address: '山东省烟台市芝罘区南大街1号', email: 'zhangsan@example.com' };

describe('publicationEligibility (条例第四十四条: only information disclosed on application)', () => {
  it.each([
    ['no reply yet', received, false, '尚未作出经审核的答复'],
    ['a draft waiting for review', [...received, ev('reply_drafted', '2026-03-10', { outcome: 'disclose' })], false, '尚未作出经审核的答复'],
    ['予以公开, approved', replied('disclose'), true, ''],
    ['部分公开, approved', replied('partial'), true, ''],
    ['已主动公开', replied('disclose_already_public'), false, '已主动公开'],
    ['不予公开', replied('withhold_state_secret'), false, '没有公开政府信息'],
    ['无法提供', replied('unavailable_not_held'), false, '没有公开政府信息'],
    ['a 补充答复 that now refuses', [...replied('disclose'), ev('reopened', '2026-04-01', { reason: 'x' }), ev('reply_drafted', '2026-04-02', { outcome: 'withhold_third_party' }), ev('reply_approved', '2026-04-03')], false, '没有公开政府信息'],
  ] as const)('%s → %s', (_name, ledger, ok, reason) => {
    const r = publicationEligibility(ledger as LedgerEvent[]);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.reason).toContain(reason);
    else expect(r.decidedOn).toBe('2026-03-11');
  });
});

describe('personalDataIn', () => {
  it.each<[string, string, PersonalFinding[]]>([
    ['plain request', '请公开2025年本局行政许可办件数量', []],
    ['the applicant’s name', '张三申请公开其房屋征收补偿协议', ['applicant']],
    ['the applicant’s phone with spaces', '联系 138 0000 0000 告知', ['applicant']],
    ['any identity number', '身份证号110101199003077777的人员名单', ['id_number']],
    ['an identity number ending in X', '证件 11010119900307777X', ['id_number']],
    ['a mobile number of someone else', '请联系13912345678', ['mobile']],
    ['a landline', '电话0535-6211001', ['landline']],
    ['an e-mail', '发到 a.b@example.cn', ['email']],
    ['own affairs', '请公开我家房屋的征收补偿决定', ['own_affairs']],
    ['a year is not a phone', '2019年至2025年统计', []],
    ['a 统一社会信用代码 is no identity number', '91110000600037341L公司的许可', []],
  ])('%s', (_n, text, found) => {
    expect(personalDataIn(text, ZHANG).sort()).toEqual([...found].sort());
  });
  it('an organisation’s name is not personal data; its contact person is', () => {
    const org = { type: 'commercial', name: '烟台海岸建设工程有限公司', contactPerson: '赵敏', phone: '0535-6211001' };
    expect(personalDataIn('烟台海岸建设工程有限公司的施工许可', org)).toEqual([]);
    expect(personalDataIn('请告知赵敏', org)).toEqual(['applicant']);
  });
});

describe('titleFromRequest and suggestKind', () => {
  it.each([
    ['请公开本局上一年度行政许可办件数量', '本局上一年度行政许可办件数量'],
    ['申请公开：2025年部门预算。另请说明', '2025年部门预算'],
    ['恳请贵局依法公开某路段挖掘许可', '某路段挖掘许可'],
    ['2025年政府采购目录', '2025年政府采购目录'],
  ])('%s → %s', (content, title) => expect(titleFromRequest(content)).toBe(title));
  it('cuts long wording at 100 characters', () => expect(Array.from(titleFromRequest('甲'.repeat(150))).length).toBe(101));
  it.each([
    ['2025年部门预算', 'budget', 7],
    ['行政事业性收费标准', 'fees', 8],
    ['政府采购项目中标通知书', 'procurement', 9],
    ['行政处罚决定书', 'enforcement', 6],
    ['建筑工程施工许可的审批材料', 'licensing', 5],
    ['行政许可办件数量', 'statistics', 4],
    ['十四五专项规划', 'plan', 3],
    ['公务员招考录用名单', 'personnel', 14],
    ['会议纪要', 'other_document', 15],
  ])('%s → %s (第二十条第%s项)', (text, kind, category) => expect(suggestKind(text)).toEqual({ kind, category }));
});

describe('proposeDraft', () => {
  const base: ProposalInput = { content: '请公开本局上一年度行政许可办件数量', docNumber: null, agencyName: '芝罘区行政审批服务局', outcome: 'disclose', files: [], items: [], applicant: ZHANG };
  const everyValue = Object.values(ZHANG).filter((v) => v !== 'natural_person');
  const noApplicantData = (p: ReturnType<typeof proposeDraft>) => {
    const all = JSON.stringify(p);
    for (const v of everyValue) expect(all).not.toContain(v);
  };

  it.each<[string, Partial<ProposalInput>, { title: string; wordingUsed: boolean; kind: string }]>([
    ['the request’s wording', {}, { title: '本局上一年度行政许可办件数量', wordingUsed: true, kind: 'statistics' }],
    ['one disclosed document: its title', { files: [{ id: 1, title: '2025年行政许可办件统计表', filename: '2025年行政许可办件统计表.pdf' }] }, { title: '2025年行政许可办件统计表', wordingUsed: true, kind: 'statistics' }],
    ['a generic file name: the request’s wording', { files: [{ id: 1, title: 'scan001', filename: 'scan001.pdf' }] }, { title: '本局上一年度行政许可办件数量', wordingUsed: true, kind: 'statistics' }],
    ['wording with the applicant’s name and ID: a neutral title', { content: '本人张三（370602199001011239）申请公开我家房屋征收补偿决定' }, { title: '芝罘区行政审批服务局依申请公开的政府信息', wordingUsed: false, kind: 'other_document' }],
    ['wording with personal data, one clean file: the file’s title', { content: '我的电话13800000000，请公开2025年部门预算', files: [{ id: 7, title: '2025年部门预算公开表', filename: '2025年部门预算公开表.pdf' }] }, { title: '2025年部门预算公开表', wordingUsed: false, kind: 'budget' }],
  ])('%s', (_n, over, want) => {
    const p = proposeDraft({ ...base, ...over });
    expect(p).toMatchObject(want);
    expect(p.summary).toContain('第四十四条');
    noApplicantData(p);
    if (!want.wordingUsed) expect(p.omitted[0]).toContain('未采用申请人的原话');
  });

  it('a file named after the applicant is offered as 附件N, never under its name', () => {
    const p = proposeDraft({ ...base, files: [{ id: 3, title: '张三的征收材料', filename: '张三的征收材料.pdf' }, { id: 4, title: '办件统计', filename: '办件统计.pdf' }] });
    expect(p.files).toEqual([{ id: 3, filename: '附件1.pdf', renamed: true }, { id: 4, filename: '办件统计.pdf', renamed: false }]);
    expect(p.title).toBe('办件统计');
    noApplicantData(p);
  });

  it('部分公开 says the withheld part is not included; linked items are listed', () => {
    const p = proposeDraft({ ...base, outcome: 'partial', items: [{ title: '2024年办件统计', indexNo: 'X-2025-0001' }] });
    expect(p.body).toContain('部分公开');
    expect(p.body).toContain('《2024年办件统计》（索引号 X-2025-0001）');
    expect(p.title).toBe('本局上一年度行政许可办件数量');
  });
});

describe('sameInformationHints (two or more applicants, 条例第四十四条)', () => {
  const pool = [
    { id: 1, applicantKey: 'A', content: '请公开本局上一年度行政许可办件数量' },
    { id: 2, applicantKey: 'B', content: '申请公开本局上一年度的行政许可办件数量' },
    { id: 3, applicantKey: 'A', content: '公开本局上一年度行政许可办件数量' },
    { id: 4, applicantKey: 'C', content: '请公开某小区项目规划许可证及附图' },
    { id: 5, applicantKey: 'D', content: '本局上一年度行政许可办件数量。' },
  ];
  it.each([
    ['two other applicants asked the same', 1, [5, 2], 3],
    ['the same applicant again is no other applicant', 3, [5, 2], 3],
    ['nobody else asked', 4, null, 0],
  ] as const)('%s', (_n, id, matchIds, applicants) => {
    const h = sameInformationHints(pool.filter((p) => p.id === id), pool).get(id);
    if (matchIds === null) return expect(h).toBeUndefined();
    expect(h!.matches.map((m) => m.id)).toEqual(matchIds);
    expect(h!.applicants).toBe(applicants);
    expect(h!.basis).toBe('条例第四十四条');
  });
  it('at least the repeat hint’s measure', () => {
    const h = sameInformationHints([pool[0]!], pool).get(1)!;
    expect(h.matches.find((m) => m.id === 2)!.similarity).toBeGreaterThanOrEqual(Math.round(similarity(pool[0]!.content, pool[1]!.content) * 100) / 100);
  });
  it.each([
    ['a request wrapped in the applicant’s own words contains the other', '本人张三（电话13800000000）申请公开本局2024年行政许可办件数量统计', '请公开本局2024年行政许可办件数量统计', true],
    ['a short word is contained everywhere but does not count', '预算', '请公开本局2024年部门预算执行情况', false],
    ['different information of the same year', '请公开本局2024年部门预算执行情况', '请公开本局2024年行政许可办件数量统计', false],
  ])('%s', (_n, a, b, same) => {
    expect(sameInformationSimilarity(textProfile(a), textProfile(b)) >= 0.75).toBe(same);
  });
  it('the indexed search gives every pairwise value (random texts over a small alphabet)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const words = ['许可', '预算', '本局', '2024年', '统计', '数量', '公开', '采购', '合同', '文本', '办件', '决算'];
    const texts = Array.from({ length: 60 }, (_, i) => ({ id: i + 1, applicantKey: `K${i % 9}`, content: Array.from({ length: 2 + Math.floor(rnd() * 8) }, () => words[Math.floor(rnd() * words.length)]).join('') }));
    const hints = sameInformationHints(texts, texts, 0);
    for (const a of texts) {
      const want = texts.filter((b) => b.applicantKey !== a.applicantKey)
        .map((b) => ({ id: b.id, similarity: Math.round(sameInformationSimilarity(textProfile(a.content), textProfile(b.content)) * 100) / 100 }))
        .filter((m) => m.similarity > 0);
      const got = hints.get(a.id)?.matches ?? [];
      expect([...got].sort((x, y) => x.id - y.id), a.content).toEqual(want.sort((x, y) => x.id - y.id));
    }
  });
  it('a higher threshold narrows the matches', () => {
    expect(sameInformationHints([pool[0]!], pool, 1).get(1)!.matches.map((m) => m.id)).toEqual([5]);
  });
});
