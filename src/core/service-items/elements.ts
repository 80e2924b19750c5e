// The element model of a 政务服务事项 as data: the 基本目录 and 实施清单 elements of the national exchange model
// (spec §6.1, PRACTICE: field names of the 一体化平台 schema dn_task_* / up_task_* [S38]; 山东 six 基本要素 [S39]).
// An administrator may add elements (stored as settings); the built-in list below is never removed.
// Values are kept per item as one JSON object keyed by the element key, so a new element needs no column.

export type ElementGroup = 'basic' | 'impl';
/**
 * text / longtext — free text; choice — one of `options`; integer — a whole number; timeLimit — {amount, unit}
 * (amount kept as typed so that "即时" can be flagged by the completeness rules); yesno — 是 / 否; url;
 * materials — the 材料目录 rows; faq — 常见问题 rows.
 */
export type ElementKind = 'text' | 'longtext' | 'choice' | 'integer' | 'timeLimit' | 'yesno' | 'url' | 'materials' | 'faq';

export interface ElementDef {
  key: string;
  label: string;
  group: ElementGroup;
  kind: ElementKind;
  options?: readonly string[];
  required?: boolean;
  /** shown under the field */
  help?: string;
  /** false for elements an administrator added */
  builtin: boolean;
}

/** 事项类型 of the 基本目录 (the ten kinds of 行政权力 plus 公共服务). */
export const ITEM_TYPES = ['行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力', '公共服务'] as const;
/** 权力来源 (spec §6.1). */
export const POWER_SOURCES = ['法定本级行使', '上级下放', '上级授权', '同级授权', '上级委托', '同级委托'] as const;
export const EXERCISE_LEVELS = ['国家级', '省级', '市级', '县级', '镇（乡、街道）级', '村（社区）级'] as const;
export const CASE_TYPES = ['即办件', '承诺件'] as const;
export const TIME_UNITS = ['工作日', '自然日', '小时'] as const;
export const SERVICE_OBJECTS = ['自然人', '企业法人', '事业法人', '社会组织法人', '非法人企业', '行政机关', '其他组织'] as const;
export const HANDLING_FORMS = ['窗口办理', '网上办理', '快递申请', '窗口办理、网上办理'] as const;
export const NECESSITY = ['必要', '非必要', '容缺后补'] as const;
export const MATERIAL_FORMS = ['纸质', '电子', '纸质、电子'] as const;
export const MATERIAL_SOURCES = ['申请人自备', '政府部门核发', '其他'] as const;

export interface TimeLimit { amount: string; unit: string }
export interface Material {
  name: string;
  necessity: string;
  form: string;
  source: string;
  copies: number;
  /** file name of the 空白表格 (served with the guide), or '' */
  blankForm: string;
  /** file name of the 示例样表, or '' */
  sample: string;
  basis: string;
}
export interface Faq { q: string; a: string }
export type ElementValue = string | TimeLimit | Material[] | Faq[];
export type ElementValues = Record<string, ElementValue | undefined>;

const b = (key: string, label: string, kind: ElementKind, extra: Partial<ElementDef> = {}): ElementDef => ({ key, label, group: 'basic', kind, builtin: true, ...extra });
const i = (key: string, label: string, kind: ElementKind, extra: Partial<ElementDef> = {}): ElementDef => ({ key, label, group: 'impl', kind, builtin: true, ...extra });

/** Built-in elements, in the order of the provincial template (基本目录, then 实施清单). */
export const BUILTIN_ELEMENTS: readonly ElementDef[] = [
  b('name', '事项名称', 'text', { required: true }),
  b('basicCode', '基本编码', 'text', { required: true, help: '基本目录编码（国家基本目录为 12 位）' }),
  b('type', '事项类型', 'choice', { options: ITEM_TYPES, required: true }),
  b('legalBasis', '设定依据', 'longtext', { help: '法律、法规、规章名称及条款' }),
  b('exerciseLevel', '行使层级', 'choice', { options: EXERCISE_LEVELS }),
  b('competentDept', '主管部门', 'text'),
  i('implCode', '实施编码', 'text', { required: true }),
  i('implementer', '实施主体', 'text'),
  i('powerSource', '权力来源', 'choice', { options: POWER_SOURCES }),
  i('serviceObject', '服务对象', 'choice', { options: SERVICE_OBJECTS }),
  i('conditions', '受理条件', 'longtext'),
  i('process', '办理流程', 'longtext'),
  i('handlingForm', '办理形式', 'choice', { options: HANDLING_FORMS }),
  i('caseType', '办件类型', 'choice', { options: CASE_TYPES }),
  i('legalLimit', '法定办结时限', 'timeLimit'),
  i('promisedLimit', '承诺办结时限', 'timeLimit'),
  i('visits', '到办事现场次数', 'integer'),
  i('charged', '是否收费', 'yesno'),
  i('feeBasis', '收费依据', 'longtext'),
  i('feeStandard', '收费标准', 'text'),
  i('consultation', '咨询方式', 'text'),
  i('complaint', '监督投诉方式', 'text'),
  i('place', '办理地点', 'text'),
  i('hours', '办理时间', 'text'),
  i('resultName', '审批结果名称', 'text'),
  i('resultSample', '审批结果样本', 'text'),
  i('onlineUrl', '网办地址', 'url'),
  i('intermediary', '中介服务', 'text'),
  i('materials', '材料目录', 'materials'),
  i('faq', '常见问题', 'faq'),
];

/**
 * The default must-match set compared across 区 / 街道 / 社区 ("三级十同"). The official list is UNCONFIRMED (spec §6.2,
 * recollection: 事项名称, 事项类型, 设定依据, 受理条件, 申请材料, 办理流程, 办理时限, 收费标准, 中介服务, 结果名称);
 * 办理时限 is read as 承诺办结时限 (what an applicant is promised). The supervisor changes it in the settings.
 */
export const DEFAULT_MUST_MATCH: readonly string[] = ['name', 'type', 'legalBasis', 'conditions', 'materials', 'process', 'promisedLimit', 'feeStandard', 'intermediary', 'resultName'];

/** Keys of added elements: `x_` and lower-case letters / digits (never collide with a built-in key). */
export const CUSTOM_KEY = /^x_[a-z0-9_]{1,30}$/;

/** The schema in force: built-ins, then the administrator's elements (an added key that shadows a built-in is ignored). */
export function elementSchema(custom: readonly ElementDef[] = []): ElementDef[] {
  const keys = new Set(BUILTIN_ELEMENTS.map((e) => e.key));
  return [...BUILTIN_ELEMENTS, ...custom.filter((c) => !keys.has(c.key) && CUSTOM_KEY.test(c.key)).map((c) => ({ ...c, builtin: false }))];
}

/** Problems of an element an administrator wants to add (Chinese messages). */
export function customElementProblems(def: { key: string; label: string; kind: string; options?: readonly string[] }, existing: readonly ElementDef[]): string[] {
  const out: string[] = [];
  if (!CUSTOM_KEY.test(def.key)) out.push('要素代码以 x_ 开头，只含小写字母、数字和下划线（例如 x_window_no）');
  if (existing.some((e) => e.key === def.key)) out.push(`要素代码 ${def.key} 已存在`);
  if (!def.label.trim()) out.push('请填写要素名称');
  else if (existing.some((e) => e.label === def.label.trim())) out.push(`要素名称“${def.label.trim()}”已存在`);
  if (!['text', 'longtext', 'choice', 'integer', 'yesno', 'url'].includes(def.kind)) out.push('要素类型应为 文本、长文本、选项、整数、是否 或 网址');
  if (def.kind === 'choice' && (!def.options || def.options.filter((o) => o.trim()).length < 2)) out.push('选项类要素至少要有两个选项');
  return out;
}
