// Demo data for 烟台市芝罘区. The 审批服务局 code is its published 统一社会信用代码; every other
// credit code here is INVENTED for the demo (check character computed per GB 32100-2015) —
// none of them belongs to a real organisation. Contact data are plausible demo values.
import type { AgencyInput } from '../agencies/agencies.schema.ts';
import type { Role } from '../shared/actor.ts';

export const DEMO_PASSWORD = 'demo12345';
export const DEMO_DEPARTMENT_CODE = '12370602780795309E';

export type DemoAgencyKey = 'government' | 'department' | 'street' | 'community';

export const demoAgencies: { key: DemoAgencyKey; parent: DemoAgencyKey | null; input: Omit<AgencyInput, 'parentId'> }[] = [
  {
    key: 'government',
    parent: null,
    input: {
      name: '烟台市芝罘区人民政府',
      shortName: '芝罘区人民政府',
      creditCode: '113706020043215678', // DEMO (invented)
      kind: 'government',
      address: '山东省烟台市芝罘区南大街 96 号（演示）',
      officeHours: '周一至周五 上午 9:00—12:00，下午 13:30—17:00（法定节假日除外）',
      phone: '0535-6200000',
      fax: '0535-6200001',
      email: 'zwgk@zhifu.example.gov.cn',
      website: 'http://www.zhifu.example.gov.cn',
      postcode: '264000',
      workBodyName: '芝罘区人民政府办公室（区政务公开办公室）',
      reviewBodyName: '烟台市人民政府',
    },
  },
  {
    key: 'department',
    parent: 'government',
    input: {
      name: '烟台市芝罘区行政审批服务局',
      shortName: '芝罘区行政审批服务局',
      creditCode: DEMO_DEPARTMENT_CODE, // published code of the real 审批服务局
      kind: 'department',
      address: '山东省烟台市芝罘区机场路 2 号政务服务中心（演示）',
      officeHours: '周一至周五 上午 9:00—12:00，下午 13:30—17:00（法定节假日除外）',
      phone: '0535-6210000',
      fax: '0535-6210001',
      email: 'spj@zhifu.example.gov.cn',
      website: 'http://www.zhifu.example.gov.cn/spj',
      postcode: '264000',
      workBodyName: '芝罘区行政审批服务局办公室',
      reviewBodyName: '芝罘区人民政府',
    },
  },
  {
    key: 'street',
    parent: 'government',
    input: {
      name: '烟台市芝罘区向阳街道办事处',
      shortName: '向阳街道办事处',
      creditCode: '11370602MB0023456H', // DEMO (invented)
      kind: 'street',
      address: '山东省烟台市芝罘区向阳街道（演示地址）',
      officeHours: '周一至周五 上午 9:00—12:00，下午 13:30—17:00（法定节假日除外）',
      phone: '0535-6220000',
      fax: '0535-6220001',
      email: 'xiangyang@zhifu.example.gov.cn',
      website: 'http://www.zhifu.example.gov.cn/xiangyang',
      postcode: '264000',
      workBodyName: '向阳街道党政办公室',
      reviewBodyName: '芝罘区人民政府',
    },
  },
  {
    key: 'community',
    parent: 'street',
    input: {
      name: '向阳街道演示社区居民委员会',
      shortName: '演示社区',
      creditCode: '54370602MD00345671', // DEMO (invented)
      kind: 'community',
      address: '山东省烟台市芝罘区向阳街道（演示地址）',
      officeHours: '周一至周五 上午 8:30—11:30，下午 13:30—17:00',
      phone: '0535-6230000',
      fax: null,
      email: null,
      website: null,
      postcode: '264000',
      workBodyName: '社区居民委员会',
      reviewBodyName: '芝罘区人民政府',
    },
  },
];

export const demoUsers: { username: string; displayName: string; role: Role; agency: DemoAgencyKey }[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', agency: 'government' },
  { username: 'officer', displayName: '王经办', role: 'officer', agency: 'department' },
  { username: 'reviewer', displayName: '李审核', role: 'reviewer', agency: 'department' },
  { username: 'leader', displayName: '张负责', role: 'leader', agency: 'department' },
  { username: 'supervisor', displayName: '区政务公开办', role: 'supervisor', agency: 'government' },
  { username: 'xiangyang', displayName: '赵街道', role: 'officer', agency: 'street' },
  { username: 'shequ', displayName: '孙社区', role: 'officer', agency: 'community' },
];
