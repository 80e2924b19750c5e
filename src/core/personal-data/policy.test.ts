import { describe, expect, it } from 'vitest';
import { applicantFor, applicantNameFor, maskName, maskText, MASK, PERSONAL_DATA_POLICY, policyFor, seesPersonalData, type Viewer } from './index.ts';

const zhang = { type: 'natural_person', name: '张三', idType: '居民身份证', idNumber: '370602199001011239', phone: '13800000000', email: 'zhangsan@example.com', address: '山东省烟台市芝罘区南大街1号', postcode: '264000', contactPerson: null, legalRepresentative: null };
const firm = { type: 'commercial', name: '烟台海岸建设工程有限公司', idType: null, idNumber: null, phone: '0535-6211001', email: 'office@example.com', address: '山东省烟台市芝罘区北马路100号', postcode: null, contactPerson: '赵敏', legalRepresentative: '钱某某' };

describe('personal-data policy', () => {
  it.each([
    // viewer, name, idType, idNumber, phone, email, address, postcode
    ['officer', '张三', '居民身份证', '370602199001011239', '13800000000', 'zhangsan@example.com', '山东省烟台市芝罘区南大街1号', '264000'],
    ['reviewer', '张三', '居民身份证', '370602199001011239', '13800000000', 'zhangsan@example.com', '山东省烟台市芝罘区南大街1号', '264000'],
    ['leader', '张三', '居民身份证', '370602199001011239', '13800000000', 'zhangsan@example.com', '山东省烟台市芝罘区南大街1号', '264000'],
    ['supervisor', '张*', '居民身份证', MASK, MASK, MASK, MASK, MASK],
    ['admin', '张*', '居民身份证', MASK, MASK, MASK, MASK, MASK],
    ['public', MASK, MASK, MASK, MASK, MASK, MASK, MASK],
  ] as [Viewer, ...string[]][])('%s sees a natural person as %s %s %s %s %s %s %s', (viewer, name, idType, idNumber, phone, email, address, postcode) => {
    expect(applicantFor(viewer, zhang)).toEqual({ ...zhang, name, idType, idNumber, phone, email, address, postcode });
  });

  it.each([
    ['officer', '烟台海岸建设工程有限公司', '赵敏', '钱某某', '0535-6211001'],
    ['supervisor', '烟台海岸建设工程有限公司', '赵*', '钱**', MASK],
    ['admin', '烟台海岸建设工程有限公司', '赵*', '钱**', MASK],
  ] as [Viewer, string, string, string, string][])('%s: an organisation keeps its name; its people are masked', (viewer, name, contact, legal, phone) => {
    expect(applicantFor(viewer, firm)).toMatchObject({ name, contactPerson: contact, legalRepresentative: legal, phone, idNumber: null });
    expect(applicantNameFor(viewer, 'commercial', firm.name)).toBe(name);
  });

  it.each([['张三', '张*'], ['欧阳修', '欧**'], ['李', '*'], ['  王五 ', '王*']])('maskName(%s) = %s', (n, m) => {
    expect(maskName(n)).toBe(m);
  });

  it('null values stay null; roles decide letters, mail, attachments, exports, search and the log', () => {
    expect(applicantFor('supervisor', { ...zhang, email: null }).email).toBeNull();
    expect(['officer', 'reviewer', 'leader', 'supervisor', 'admin', 'public'].filter((v) => seesPersonalData(v as Viewer))).toEqual(['officer', 'reviewer', 'leader']);
    for (const v of Object.keys(PERSONAL_DATA_POLICY) as Viewer[]) {
      const p = policyFor(v);
      const full = seesPersonalData(v);
      expect([p.letters === 'full', p.mail === 'full', p.attachments, p.exportUnmasked, p.searchByPersonalData, p.logged]).toEqual([full, full, full, full, full, full]);
    }
  });

  it('maskText masks every personal value of the applicant in a letter, longest first', () => {
    const body = '张三：\n\n您于2025年3月2日提出的申请（联系电话13800000000，地址山东省烟台市芝罘区南大街1号，邮箱zhangsan@example.com，证件370602199001011239）已收到。张三先生请知悉。';
    const out = maskText(body, zhang);
    for (const s of ['张三', '13800000000', '南大街1号', 'zhangsan@', '370602199001011239']) expect(out).not.toContain(s);
    expect(out).toBe('张*：\n\n您于2025年3月2日提出的申请（联系电话***，地址***，邮箱***，证件***）已收到。张*先生请知悉。');
    // an organisation's name stays; its contact person is masked
    expect(maskText('烟台海岸建设工程有限公司（联系人赵敏）', firm)).toBe('烟台海岸建设工程有限公司（联系人赵*）');
  });
});
