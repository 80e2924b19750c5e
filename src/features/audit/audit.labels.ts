// The audit log in words: an action code ("annual_report.publish") as the Chinese name of what was done
// ("年度报告：发布"), and the object of an event as a person's name or the object's kind. Codes stay the stored
// data (filters, API); these labels are only for reading. English pages show the code.
import { ACTION_LABELS as APPLICATION_ACTIONS } from '../../core/applications/lifecycle.ts';
import { ACTION_LABELS as CATALOGUE_ACTIONS } from '../../core/catalogue/workflow.ts';
import { t, type Locale } from '../../ui/index.ts';

/** What each kind of audited object is called. */
const ENTITY_ZH: Record<string, string> = {
  agency: '机构', user: '用户', session: '登录会话', application: '依申请公开', appeal_case: '复议诉讼案件', annual_report: '年度报告',
  catalogue_item: '主动公开目录', catalogue_settings: '目录设置', decision_entry: '处理决定登记', decision_item_counts: '处理决定事项数量',
  calendar_year: '工作日历', calendar_day: '工作日历',
  letter_template: '文书模板', portal_page: '公开专栏页面',
  audit_chain: '审计链', backup: '数据库备份',
};

/** Actions that read better as a whole phrase than as "object：verb". */
const WHOLE_ZH: Record<string, string> = {
  'session.create': '登录', 'session.delete': '退出登录',
  'agency.create': '新建机构', 'agency.update': '修改机构信息',
  'user.create': '新建用户', 'user.update': '修改用户', 'user.password_reset': '重置用户密码', 'user.password_change': '修改本人密码',
  'audit.verify': '校验审计链', 'backup.create': '定时备份数据库',
  'calendar.import': '导入年度放假安排', 'calendar.edit_day': '调整工作日',
  'letter_template.save': '保存文书模板',
  'decision.add': '登记处理决定', 'decision.import': '导入处理决定', 'decision.items': '登记事项数量', 'decision.remove': '删除处理决定', 'decision.seed': '导入演示处理决定', 'service_item.seed': '导入演示政务服务事项和办件',
  'appeal.create': '登记复议诉讼案件', 'appeal.update': '更新复议诉讼案件',
  'portal.guide.save': '保存政府信息公开指南', 'portal.system.save': '保存政府信息公开制度',
  'application.register': '登记申请', 'application.submit': '在线提交申请', 'application.seed': '导入演示申请', 'application.carryOver': '结转下年度',
  'application.downloadDisclosure': '申请人下载公开的信息', 'application.downloadLetter': '申请人下载文书',
  'application.publishToCatalogue': '依申请公开转主动公开（生成目录草稿）', 'application.dismissPublication': '决定不转为主动公开',
  'catalogue.create': '新建目录条目', 'catalogue.import': '批量导入目录', 'catalogue.settings': '修改目录设置', 'catalogue.link': '关联政策解读',
  'catalogue.attach': '添加附件', 'catalogue.detach': '删除附件', 'catalogue.edit': '修改草稿', 'catalogue.delete': '删除草稿',
};

/** Verbs of the workflows whose actions are named after their step. */
function stepZh(entity: string, verb: string): string | undefined {
  if (entity === 'application') return (APPLICATION_ACTIONS as Record<string, string>)[verb];
  if (entity === 'catalogue') return (CATALOGUE_ACTIONS as Record<string, string>)[verb];
  if (entity === 'annual_report') {
    const key = verb === 'compile' ? 'compiled' : verb === 'save' ? 'saved' : verb;
    const label = t('zh-CN', `annual.event.${key}`);
    return label === `annual.event.${key}` ? undefined : label;
  }
  return undefined;
}

const PREFIX_ZH: Record<string, string> = { application: '依申请公开', catalogue: '主动公开', annual_report: '年度报告' };

/** "annual_report.publish" → "年度报告：发布"; an unknown code is shown as it is. */
export function auditActionLabel(code: string, locale: Locale): string {
  if (locale !== 'zh-CN') return code;
  if (WHOLE_ZH[code]) return WHOLE_ZH[code];
  const at = code.indexOf('.');
  if (at < 0) return code;
  const prefix = code.slice(0, at);
  const step = stepZh(prefix, code.slice(at + 1));
  return step && PREFIX_ZH[prefix] ? `${PREFIX_ZH[prefix]}：${step}` : code;
}

/** "user 1" → "用户 系统管理员"; "application 12" → "依申请公开 12". */
export function auditEntityLabel(entity: string, entityId: string | null, locale: Locale, userNames: ReadonlyMap<string, string>): string {
  const id = entityId ?? '';
  if (locale !== 'zh-CN') return `${entity} ${id}`.trim();
  const kind = ENTITY_ZH[entity] ?? entity;
  if (entity === 'user' && userNames.has(id)) return `${kind} ${userNames.get(id)}`;
  return `${kind} ${id}`.trim();
}
