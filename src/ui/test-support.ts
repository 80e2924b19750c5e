// Sample props for the ui unit tests (not used at run time).
import type { AgencyContact } from './types.ts';
import type { AdminShell } from './layouts/AdminLayout.tsx';

export const sampleAgency: AgencyContact = {
  name: '烟台市芝罘区人民政府',
  workBodyName: '烟台市芝罘区人民政府办公室',
  address: '山东省烟台市芝罘区南大街150号',
  postcode: '264000',
  officeHours: '工作日 8:30–12:00，13:30–17:30',
  phone: '0535-6222222',
  fax: '0535-6222223',
  email: 'zfqzwgk@example.gov.cn',
  website: 'http://www.zhifu.gov.cn',
};

export function sampleShell(overrides: Partial<AdminShell> = {}): AdminShell {
  return {
    locale: 'zh-CN',
    user: { displayName: '王经办', role: 'officer', agencyName: '烟台市芝罘区行政审批服务局' },
    csrfToken: 'tok-123',
    ...overrides,
  };
}
