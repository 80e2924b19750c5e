// Element values: validation (Chinese messages per field), display text, the normalised form compared across levels,
// and the diff recorded in an item's change history.
import type { ElementDef, ElementValue, ElementValues, Faq, Material, TimeLimit } from './elements.ts';
import { MATERIAL_FORMS, MATERIAL_SOURCES, NECESSITY, TIME_UNITS } from './elements.ts';

export interface FieldProblem { field: string; message: string }

const MAX_TEXT = 20_000;
const MAX_ROWS = 200;

export function isTimeLimit(v: unknown): v is TimeLimit {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as TimeLimit).amount === 'string' && typeof (v as TimeLimit).unit === 'string';
}

/** Checks the values against the schema; unknown keys are problems too (a typo would be lost silently). */
export function valueProblems(schema: readonly ElementDef[], values: ElementValues): FieldProblem[] {
  const out: FieldProblem[] = [];
  const byKey = new Map(schema.map((e) => [e.key, e]));
  for (const k of Object.keys(values)) if (!byKey.has(k)) out.push({ field: `el.${k}`, message: `没有名为 ${k} 的要素` });
  for (const e of schema) {
    const v = values[e.key];
    const field = `el.${e.key}`;
    const empty = isEmptyValue(v);
    if (empty) {
      if (e.required) out.push({ field, message: `请填写${e.label}` });
      continue;
    }
    switch (e.kind) {
      case 'text': case 'longtext': case 'url':
        if (typeof v !== 'string') { out.push({ field, message: `${e.label}应为文字` }); break; }
        if (v.length > (e.kind === 'text' ? 500 : MAX_TEXT)) out.push({ field, message: `${e.label}过长（最多 ${e.kind === 'text' ? 500 : MAX_TEXT} 字）` });
        if (e.kind === 'url' && !/^https?:\/\/[^\s]+$/.test(v)) out.push({ field, message: `${e.label}应为以 http:// 或 https:// 开头的网址` });
        break;
      case 'choice':
        if (typeof v !== 'string' || !(e.options ?? []).includes(v)) out.push({ field, message: `${e.label}请从下列选项中选择：${(e.options ?? []).join('、')}` });
        break;
      case 'yesno':
        if (v !== '是' && v !== '否') out.push({ field, message: `${e.label}请选择“是”或“否”` });
        break;
      case 'integer':
        if (typeof v !== 'string' || !/^\d{1,4}$/.test(v)) out.push({ field, message: `${e.label}应为 0 至 9999 的整数` });
        break;
      case 'timeLimit':
        if (!isTimeLimit(v)) { out.push({ field, message: `${e.label}应填写时限和单位` }); break; }
        if (v.amount.trim().length > 40) out.push({ field, message: `${e.label}过长（最多 40 字）` });
        if (!(TIME_UNITS as readonly string[]).includes(v.unit)) out.push({ field, message: `${e.label}的单位请选择：${TIME_UNITS.join('、')}` });
        break;
      case 'materials': {
        if (!Array.isArray(v)) { out.push({ field, message: `${e.label}格式不对` }); break; }
        if (v.length > MAX_ROWS) out.push({ field, message: `${e.label}最多 ${MAX_ROWS} 项` });
        (v as Material[]).forEach((m, n) => {
          const at = `${e.label}第 ${n + 1} 项`;
          if (!m || typeof m.name !== 'string' || !m.name.trim()) out.push({ field, message: `${at}请填写材料名称` });
          if (!(NECESSITY as readonly string[]).includes(m?.necessity)) out.push({ field, message: `${at}的必要性请选择：${NECESSITY.join('、')}` });
          if (!(MATERIAL_FORMS as readonly string[]).includes(m?.form)) out.push({ field, message: `${at}的材料形式请选择：${MATERIAL_FORMS.join('、')}` });
          if (!(MATERIAL_SOURCES as readonly string[]).includes(m?.source)) out.push({ field, message: `${at}的来源渠道请选择：${MATERIAL_SOURCES.join('、')}` });
          if (!Number.isInteger(m?.copies) || m.copies < 0 || m.copies > 99) out.push({ field, message: `${at}的份数应为 0 至 99 的整数` });
        });
        break;
      }
      case 'faq':
        if (!Array.isArray(v)) { out.push({ field, message: `${e.label}格式不对` }); break; }
        (v as Faq[]).forEach((f, n) => { if (!f || typeof f.q !== 'string' || !f.q.trim() || typeof f.a !== 'string' || !f.a.trim()) out.push({ field, message: `${e.label}第 ${n + 1} 条请同时填写问题和解答` }); });
        break;
    }
  }
  return out;
}

export function isEmptyValue(v: ElementValue | undefined | null): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  return isTimeLimit(v) ? v.amount.trim() === '' : false;
}

export function materialText(m: Material): string {
  return `${m.name}（${m.necessity}，${m.form}，${m.source}，${m.copies} 份${m.basis ? `，依据：${m.basis}` : ''}）`;
}

/** The value as one line of text (lists, history, the differences table, XLSX cells). */
export function displayValue(def: ElementDef, v: ElementValue | undefined): string {
  if (isEmptyValue(v)) return '';
  if (def.kind === 'timeLimit' && isTimeLimit(v)) return `${v.amount.trim()}${/^\d+(\.\d+)?$/.test(v.amount.trim()) ? ' ' : ''}${v.unit}`;
  if (def.kind === 'materials' && Array.isArray(v)) return (v as Material[]).map((m, n) => `${n + 1}. ${materialText(m)}`).join('；');
  if (def.kind === 'faq' && Array.isArray(v)) return (v as Faq[]).map((f) => `问：${f.q} 答：${f.a}`).join('；');
  return String(v);
}

/** The form compared across levels: whitespace and full-/half-width punctuation differences do not count. */
export function comparable(def: ElementDef, v: ElementValue | undefined): string {
  let s: string;
  if (def.kind === 'materials' && Array.isArray(v)) s = (v as Material[]).map((m) => `${m.name}|${m.necessity}|${m.form}|${m.copies}`).join('\n');
  else if (def.kind === 'timeLimit' && isTimeLimit(v)) s = `${v.amount}|${v.unit}`;
  else s = displayValue(def, v);
  return s.normalize('NFKC').replace(/\s+/g, '').replace(/[。．]$/, '');
}

export interface ElementChange { key: string; label: string; before: string; after: string }

/** What changed between two versions, element by element, as display text (the change history). */
export function diffValues(schema: readonly ElementDef[], before: ElementValues, after: ElementValues): ElementChange[] {
  const out: ElementChange[] = [];
  for (const e of schema) {
    const a = JSON.stringify(before[e.key] ?? null);
    const c = JSON.stringify(after[e.key] ?? null);
    if (a === c) continue;
    const bt = displayValue(e, before[e.key]);
    const at = displayValue(e, after[e.key]);
    if (bt === at && isEmptyValue(before[e.key]) && isEmptyValue(after[e.key])) continue;
    out.push({ key: e.key, label: e.label, before: bt, after: at });
  }
  return out;
}
