// The service-item pages' messages: namespace `serviceItems` of src/locales/<locale>/serviceItems.json.
import { t, type Locale } from '../../ui/i18n.ts';
import { displayValue, isEmptyValue, isTimeLimit, type ElementDef, type ElementValue, type Faq, type Material } from '../../core/service-items/index.ts';

export type SiT = (key: string, vars?: Record<string, string | number>) => string;

/** A translator of the `serviceItems` namespace for one locale: siT('en')('list.new') → "New item". */
export const siT = (locale: Locale): SiT => (key, vars) => t(locale, `serviceItems.${key}`, vars);

/** Keys of the fixed vocabularies of a material row and a time limit (the stored values stay as the 材料目录 writes them). */
const VALUE_KEYS: Record<string, string> = {
  工作日: 'workday', 自然日: 'calendarDay', 小时: 'hour',
  必要: 'required', 非必要: 'optional', 容缺后补: 'laterAllowed',
  纸质: 'paper', 电子: 'electronic', '纸质、电子': 'paperAndElectronic',
  申请人自备: 'applicant', 政府部门核发: 'government', 其他: 'other',
};

/** A stored value of a fixed vocabulary in the page's language (an unknown value as it is). */
export const valueLabel = (T: SiT, x: string): string => (VALUE_KEYS[x] ? T(`values.${VALUE_KEYS[x]}`) : x);

/** Select options of a fixed vocabulary: the stored value, labelled in the page's language. */
export const valueOptions = (T: SiT, xs: readonly string[]) => xs.map((x) => ({ value: x, label: valueLabel(T, x) }));

/** One material of the 材料目录 as a line (zh-CN: as materialText in core writes it). */
export const materialLine = (T: SiT, m: Material): string =>
  T('item.material', { name: m.name, necessity: valueLabel(T, m.necessity), form: valueLabel(T, m.form), source: valueLabel(T, m.source), copies: m.copies, basis: m.basis ? T('item.materialBasis', { basis: m.basis }) : '' });

/** An element's value as one line in the page's language (zh-CN: as displayValue in core writes it). */
export function shownValue(T: SiT, e: ElementDef, v: ElementValue | undefined): string {
  if (isEmptyValue(v)) return '';
  if (e.kind === 'timeLimit' && isTimeLimit(v)) return `${v.amount.trim()}${/^\d+(\.\d+)?$/.test(v.amount.trim()) ? ' ' : ''}${valueLabel(T, v.unit)}`;
  if (e.kind === 'materials' && Array.isArray(v)) return (v as Material[]).map((m, n) => `${n + 1}. ${materialLine(T, m)}`).join(T('history.separator'));
  if (e.kind === 'faq' && Array.isArray(v)) return (v as Faq[]).map((f) => T('item.faq', { q: f.q, a: f.a })).join(T('history.separator'));
  return displayValue(e, v);
}
