// The page forms of the service-item catalogue as flat fields, and back: every element is `el.<key>`; a time limit
// `el.<key>.amount` + `el.<key>.unit`; 材料目录 rows `el.materials.<n>.<name|necessity|form|source|copies|blankForm|
// sample|basis>`; 常见问题 rows `el.faq.<n>.q` / `.a`. Rows left blank are dropped. The same values go to the service
// as through the API (createServiceItem / updateServiceItem), so the page and its API twin answer alike.
import type { ElementDef, ElementValues, Faq, Material, TimeLimit } from '../../core/service-items/index.ts';

export type FormFields = Record<string, string>;

/** Blank rows offered below the filled ones in the materials and FAQ tables. */
export const BLANK_ROWS = 2;
const MAX_ROWS = 200;
const MATERIAL_PROPS = ['name', 'necessity', 'form', 'source', 'copies', 'blankForm', 'sample', 'basis'] as const;

function rowIndexes(fields: FormFields, prefix: string): number[] {
  const seen = new Set<number>();
  for (const k of Object.keys(fields)) {
    if (!k.startsWith(prefix)) continue;
    const n = Number(k.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(n) && n >= 0 && n < MAX_ROWS * 2) seen.add(n);
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * The element values a form submitted. `all`: every element of the schema is present (an edit form: an emptied
 * field clears the element, sent as ''); otherwise only the filled ones (a create form).
 */
export function formToValues(schema: readonly ElementDef[], fields: FormFields, all: boolean): ElementValues {
  const out: ElementValues = {};
  const put = (k: string, v: ElementValues[string], empty: boolean) => { if (!empty) out[k] = v; else if (all) out[k] = ''; };
  for (const e of schema) {
    const f = `el.${e.key}`;
    switch (e.kind) {
      case 'timeLimit': {
        const amount = (fields[`${f}.amount`] ?? '').trim();
        const unit = (fields[`${f}.unit`] ?? '').trim();
        put(e.key, { amount, unit } satisfies TimeLimit, amount === '');
        break;
      }
      case 'materials': {
        const rows: Material[] = [];
        for (const n of rowIndexes(fields, `${f}.`)) {
          const g = (p: string) => (fields[`${f}.${n}.${p}`] ?? '').trim();
          // a row with nothing typed (the choices have defaults) is a blank row
          if (['name', 'blankForm', 'sample', 'basis'].every((p) => g(p) === '')) continue;
          const copies = g('copies');
          rows.push({ name: g('name'), necessity: g('necessity'), form: g('form'), source: g('source'), copies: copies === '' ? 1 : /^\d{1,3}$/.test(copies) ? Number(copies) : Number.NaN, blankForm: g('blankForm'), sample: g('sample'), basis: g('basis') });
        }
        put(e.key, rows, rows.length === 0);
        break;
      }
      case 'faq': {
        const rows: Faq[] = [];
        for (const n of rowIndexes(fields, `${f}.`)) {
          const q = (fields[`${f}.${n}.q`] ?? '').trim();
          const a = (fields[`${f}.${n}.a`] ?? '').trim();
          if (q || a) rows.push({ q, a });
        }
        put(e.key, rows, rows.length === 0);
        break;
      }
      default: {
        const v = fields[f];
        if (v === undefined) { if (all) put(e.key, '', true); break; }
        put(e.key, v.trim(), v.trim() === '');
      }
    }
  }
  return out;
}

/** The stored values as form fields (the edit form's first showing). */
export function valuesToForm(schema: readonly ElementDef[], values: ElementValues): FormFields {
  const out: FormFields = {};
  for (const e of schema) {
    const v = values[e.key];
    const f = `el.${e.key}`;
    if (v === undefined) continue;
    if (e.kind === 'timeLimit' && typeof v === 'object' && !Array.isArray(v)) { out[`${f}.amount`] = v.amount; out[`${f}.unit`] = v.unit; }
    else if (e.kind === 'materials' && Array.isArray(v)) (v as Material[]).forEach((m, n) => { for (const p of MATERIAL_PROPS) out[`${f}.${n}.${p}`] = String(m[p] ?? ''); });
    else if (e.kind === 'faq' && Array.isArray(v)) (v as Faq[]).forEach((q, n) => { out[`${f}.${n}.q`] = q.q; out[`${f}.${n}.a`] = q.a; });
    else if (typeof v === 'string') out[f] = v;
  }
  return out;
}

/** How many rows a repeated element shows: the filled ones and BLANK_ROWS more. */
export function rowCount(fields: FormFields, key: string): number {
  const idx = rowIndexes(fields, `el.${key}.`);
  return Math.min(MAX_ROWS, (idx.length ? Math.max(...idx) + 1 : 0) + BLANK_ROWS);
}

/**
 * A field error of the service names the element (`el.materials`) — the form's group for it carries that id, so the
 * error summary links there; a material row's message already says which row.
 */
export function formErrors(errors: readonly { field: string; message: string }[]): { field: string; message: string }[] {
  const seen = new Set<string>();
  return errors.filter((e) => { const k = `${e.field}:${e.message}`; if (seen.has(k)) return false; seen.add(k); return true; });
}
