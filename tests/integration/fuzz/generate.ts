// fast-check arbitraries for request inputs, derived from the OpenAPI document's JSON Schemas (the
// robustness guard's types and operation list, tests/integration/robustness/cases.ts). Each generated value
// carries the reasons it is INVALID (empty when the generator meant it to be acceptable), so the fuzz test
// can require that a 2xx answer never follows invalid input:
//   - an impossible or implausible date in a `format: date` field (2026-02-30, 2026-13-40, 0000-01-01, 9999-12-31);
//   - a number outside the schema's minimum/maximum, or a fraction where an integer is declared;
//   - an enum value the schema does not list;
//   - a string longer than its maxLength, an array longer than its maxItems;
//   - punctuation-only text in a field that must say something (names, content, reasons, items).
// Wrong JSON types, junk strings and odd characters are generated too (malformed input), but not counted as
// "invalid" for the 2xx rule: some fields coerce ("1" → 1) by design; they still must never give a 5xx.
import fc from 'fast-check';
import type { JsonSchema } from '../robustness/cases.ts';

export interface Schema extends JsonSchema {
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxItems?: number;
  default?: unknown;
}

export interface Generated {
  value: unknown;
  /** why the value is invalid ("body.filedOn: impossible date 2026-02-30"), empty when it is meant to be valid */
  invalid: string[];
}

/** Fields that must contain letters or digits (shared meaningful-text rule). */
export const MEANINGFUL_FIELDS = /^(name|displayName|content|reason|reasons|party|matter|title|items|bodyName|waiverRefusedReason|contactPerson|legalRepresentative)$/;

const VALID_DATES = ['2025-03-03', '2025-12-31', '2024-02-29', '1949-10-01', '2026-01-05'];
const INVALID_DATES = ['2026-02-30', '2026-13-40', '2025-02-29', '2026-04-31', '0000-01-01', '9999-12-31', '1900-01-01', '2026-00-10'];
const MALFORMED_DATES = ['2026-3-2', '20260302', '2026/03/02', '2026-03-02T00:00:00Z', '明天', ''];
const PUNCTUATION = ['。。。', '...', '——', '？！，', '   ', '★☆'];
const JUNK_STRINGS = ['', ' ', 'a\u0000b', '\u202e反转', '<script>alert(1)</script>', "'; drop table users; --", '%00', '\ud800', '𠮷野家', '0', '-1', 'null', 'true', '[]', '{}'];

function alternatives(s: Schema): Schema[] {
  return (s.anyOf ?? s.oneOf ?? []) as Schema[];
}

function typeOf(s: Schema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  if (s.type) return s.type;
  if (s.properties) return 'object';
  return undefined;
}

const isDate = (s: Schema) => s.format === 'date';

function valid(value: unknown): Generated {
  return { value, invalid: [] };
}
function bad(value: unknown, where: string, why: string): Generated {
  return { value, invalid: [`${where}: ${why} ${JSON.stringify(value)?.slice(0, 60)}`] };
}

/** Plausible strings for a field, by name (so that valid requests reach the use case), and known-invalid ones. */
function plausibleStrings(name: string): { ok: string[]; invalid: string[] } {
  if (/phone/i.test(name)) return { ok: ['13800000000', '0535-6666666'], invalid: ['1380000000', '138000000000', '6666666'] };
  if (/idNumber/.test(name)) return { ok: ['370602199003071235'], invalid: [] };
  if (/creditCode|^agency$/i.test(name)) return { ok: ['12370602780795309E', '91110000600037341L'], invalid: [] };
  if (/email/i.test(name)) return { ok: ['fuzz@example.com'], invalid: ['not-an-email'] };
  if (/postcode/i.test(name)) return { ok: ['264000'], invalid: ['2640'] };
  if (/password/i.test(name)) return { ok: ['fuzz-password-123'], invalid: [] };
  if (/username/i.test(name)) return { ok: ['fuzz.user'], invalid: [] };
  return { ok: ['请公开本局2025年行政许可办理结果', '经审查，不涉及国家秘密', '芝罘区人民政府', 'ABC-123', '测试'], invalid: [] };
}

/**
 * How values are generated: `valid` (only values meant to be acceptable, so requests reach the use case),
 * `fault` (exactly one invalid value somewhere, the rest valid: a missing check cannot hide behind another
 * field's refusal), `mixed` (anything: valid, invalid, malformed, wrong types).
 */
export type Mode = 'valid' | 'fault' | 'mixed';

type Weighted = { arbitrary: fc.Arbitrary<Generated>; weight: number };

function pick(mode: Mode, okArbs: Weighted[], invalidArbs: Weighted[], malformedArbs: Weighted[]): fc.Arbitrary<Generated> {
  const arbs = mode === 'valid' ? okArbs : mode === 'fault' ? (invalidArbs.length ? invalidArbs : okArbs) : [...okArbs, ...invalidArbs, ...malformedArbs];
  return fc.oneof(...arbs);
}

/** Whether a schema can hold an invalid value the generator knows (used to place a single fault). */
export function canFault(s: Schema | undefined, name: string, depth = 0): boolean {
  if (!s || depth > 6) return false;
  const alts = alternatives(s);
  if (alts.length) return alts.some((a) => canFault({ ...a, format: a.format ?? s.format }, name, depth + 1));
  if (s.const !== undefined) return false;
  if (s.enum?.length) return true;
  const t = typeOf(s);
  if (t === 'string') return isDate(s) || (s.maxLength !== undefined && s.maxLength < 200_000) || MEANINGFUL_FIELDS.test(name) || plausibleStrings(name).invalid.length > 0;
  if (t === 'integer') return true;
  if (t === 'number') return s.minimum !== undefined || s.maximum !== undefined || s.exclusiveMinimum !== undefined || s.exclusiveMaximum !== undefined;
  if (t === 'array') return (s.maxItems !== undefined && s.maxItems < 1000) || canFault(s.items as Schema | undefined, name, depth + 1);
  if (t === 'object') return Object.entries(s.properties ?? {}).some(([k, v]) => canFault(v as Schema, k, depth + 1));
  return false;
}

/** Arbitrary for one schema node. `where` names the value in failure messages (body.applicant.phone). */
export function arbitraryFor(schema: Schema | undefined, where: string, name: string, mode: Mode = 'mixed', depth = 0): fc.Arbitrary<Generated> {
  if (!schema || depth > 6) return fc.constantFrom(valid('abc'), valid(1), valid(null));
  if (schema.const !== undefined) return fc.constant(valid(schema.const));
  const alts = alternatives(schema);
  if (alts.length) {
    const nonNull = alts.filter((a) => typeOf(a) !== 'null' && !(a.enum && a.enum.length === 1 && a.enum[0] === null));
    const allowsNull = nonNull.length < alts.length;
    const candidates = mode === 'fault' ? nonNull.filter((a) => canFault({ ...a, format: a.format ?? schema.format }, name, depth + 1)) : nonNull;
    const arbs = candidates.map((a) => arbitraryFor({ ...a, format: a.format ?? schema.format }, where, name, mode, depth + 1));
    if (allowsNull && mode !== 'fault') arbs.push(fc.constant(valid(null)));
    return arbs.length ? fc.oneof(...arbs) : fc.constant(valid(null));
  }
  if (schema.allOf?.length) return arbitraryFor(schema.allOf[0] as Schema, where, name, mode, depth + 1);
  const nullable = schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes('null'));
  const base = arbitraryForType(schema, where, name, mode, depth);
  return nullable && mode !== 'fault' ? fc.oneof({ arbitrary: base, weight: 5 }, { arbitrary: fc.constant(valid(null)), weight: 1 }) : base;
}

function wrongType(t: string | undefined): fc.Arbitrary<Generated> {
  const all: unknown[] = ['abc', 12345, true, [], { a: 1 }, 1.5, -1];
  return fc.constantFrom(...all.filter((v) => (t === 'string' ? typeof v !== 'string' : t === 'array' ? !Array.isArray(v) : t === 'object' ? typeof v !== 'object' || Array.isArray(v) : typeof v !== t && !(t === 'integer' && typeof v === 'number')))).map(valid);
}

function arbitraryForType(s: Schema, where: string, name: string, mode: Mode, depth: number): fc.Arbitrary<Generated> {
  const t = typeOf(s);
  if (s.enum?.length) {
    const listed = s.enum.filter((e) => e !== null);
    return pick(
      mode,
      [{ arbitrary: fc.constantFrom(...(listed.length ? listed : [null])).map(valid), weight: 6 }],
      [{ arbitrary: fc.constantFrom('zzz_unknown', '未知', 'ADMIN', 'Pending').filter((v) => !listed.includes(v)).map((v) => bad(v, where, 'unknown enum value')), weight: 2 }],
      [{ arbitrary: wrongType(t), weight: 1 }],
    );
  }
  switch (t) {
    case 'string': {
      if (isDate(s)) {
        return pick(
          mode,
          [{ arbitrary: fc.constantFrom(...VALID_DATES).map(valid), weight: 5 }],
          [
            { arbitrary: fc.constantFrom(...INVALID_DATES).map((v) => bad(v, where, 'impossible or implausible date')), weight: 4 },
            { arbitrary: fc.constantFrom(...MALFORMED_DATES.filter((d) => d !== '')).map((v) => bad(v, where, 'not a YYYY-MM-DD date')), weight: 1 },
          ],
          [{ arbitrary: wrongType('string'), weight: 1 }, { arbitrary: fc.constant(valid('')), weight: 1 }],
        );
      }
      const max = s.maxLength;
      const p = plausibleStrings(name);
      const ok: Weighted[] = [{ arbitrary: fc.constantFrom(...p.ok).map(valid), weight: 6 }];
      const invalid: Weighted[] = [];
      const malformed: Weighted[] = [
        { arbitrary: fc.string({ maxLength: 40 }).map(valid), weight: 2 },
        { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map(valid), weight: 1 },
        { arbitrary: fc.constantFrom(...JUNK_STRINGS).map(valid), weight: 2 },
        { arbitrary: wrongType('string'), weight: 1 },
      ];
      if (p.invalid.length) invalid.push({ arbitrary: fc.constantFrom(...p.invalid).map((v) => bad(v, where, 'not a valid value for this field')), weight: 2 });
      if (max !== undefined && max < 200_000) invalid.push({ arbitrary: fc.constant(bad('字'.repeat(max + 1), where, `longer than maxLength ${max}`)), weight: 1 });
      if (max !== undefined) malformed.push({ arbitrary: fc.constant(valid('字'.repeat(Math.min(max, 5000)))), weight: 1 });
      if (MEANINGFUL_FIELDS.test(name)) invalid.push({ arbitrary: fc.constantFrom(...PUNCTUATION.filter((v) => v.trim() !== '')).map((v) => bad(v, where, 'only punctuation')), weight: 3 });
      return pick(mode, ok, invalid, malformed);
    }
    case 'integer':
    case 'number': {
      const int = t === 'integer';
      const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (int ? 1 : 0.001) : undefined);
      const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (int ? 1 : 0.001) : undefined);
      const from = Math.max(lo ?? 1, -1_000_000);
      const to = Math.min(hi ?? Math.max(from, 100), from + 1_000_000);
      const ok: Weighted[] = [{ arbitrary: fc.integer({ min: Math.ceil(from), max: Math.max(Math.ceil(from), Math.floor(to)) }).map(valid), weight: 6 }];
      const edges = [lo, hi].filter((x): x is number => x !== undefined).map((x) => (int ? Math.round(x) : x));
      if (edges.length) ok.push({ arbitrary: fc.constantFrom(...edges).map(valid), weight: 2 });
      const invalid: Weighted[] = [];
      if (lo !== undefined) invalid.push({ arbitrary: fc.constantFrom(Math.ceil(lo) - 1, lo - 1_000_000).map((v) => bad(v, where, `below minimum ${lo}`)), weight: 2 });
      if (hi !== undefined) invalid.push({ arbitrary: fc.constantFrom(Math.floor(hi) + 1, hi * 10 + 1, 1e20).map((v) => bad(v, where, `above maximum ${hi}`)), weight: 2 });
      if (int) invalid.push({ arbitrary: fc.constantFrom(1.5, 2.25).map((v) => bad(v, where, 'fraction for an integer')), weight: 1 });
      return pick(mode, ok, invalid, [{ arbitrary: wrongType(t), weight: 1 }, { arbitrary: fc.constantFrom(0, -1, 2147483648).map(valid), weight: 1 }]);
    }
    case 'boolean':
      return pick(mode, [{ arbitrary: fc.boolean().map(valid), weight: 6 }], [], [{ arbitrary: wrongType('boolean'), weight: 1 }]);
    case 'array': {
      const minLength = s.minItems ?? 0;
      const maxLength = Math.min(s.maxItems ?? 4, 4);
      const okItem = arbitraryFor(s.items as Schema | undefined, `${where}[]`, name, mode === 'mixed' ? 'mixed' : 'valid', depth + 1);
      const ok: Weighted[] = [{ arbitrary: fc.array(okItem, { minLength, maxLength: Math.max(minLength, maxLength) }).map(merge), weight: 6 }];
      const invalid: Weighted[] = [];
      if (s.maxItems !== undefined && s.maxItems < 1000) {
        invalid.push({ arbitrary: fc.array(okItem, { minLength: s.maxItems + 1, maxLength: s.maxItems + 1 }).map((xs) => ({ value: xs.map((x) => x.value), invalid: [`${where}: more than maxItems ${s.maxItems}`] })), weight: 1 });
      }
      if (canFault(s.items as Schema | undefined, name, depth + 1)) {
        const faultItem = arbitraryFor(s.items as Schema, `${where}[]`, name, 'fault', depth + 1);
        invalid.push({ arbitrary: fc.tuple(faultItem, fc.array(okItem, { maxLength: Math.max(0, maxLength - 1) })).map(([f, rest]) => merge([...rest, f])), weight: 3 });
      }
      return pick(mode, ok, invalid, [{ arbitrary: wrongType('array'), weight: 1 }]);
    }
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      const required = new Set(s.required ?? []);
      const build = (faultAt: number | null): fc.Arbitrary<Generated> => {
        const fields = props.map(([k, ps], i) => {
          const m: Mode = faultAt === i ? 'fault' : mode === 'mixed' ? 'mixed' : 'valid';
          const a = arbitraryFor(ps as Schema, `${where}.${k}`, k, m, depth + 1);
          return required.has(k) || faultAt === i
            ? a.map((g) => [k, g] as const)
            : fc.oneof({ arbitrary: a.map((g) => [k, g] as const), weight: 3 }, { arbitrary: fc.constant([k, undefined] as const), weight: 2 });
        });
        return fc.tuple(...fields, fc.boolean()).map((parts) => {
          const extra = parts.pop() as boolean;
          const out: Record<string, unknown> = {};
          const invalid: string[] = [];
          for (const p of parts as (readonly [string, Generated | undefined])[]) {
            const [k, g] = p;
            if (!g) continue;
            out[k] = g.value;
            invalid.push(...g.invalid);
          }
          if (extra && mode === 'mixed') out.zzzExtra = '多余的字段';
          return { value: out, invalid };
        });
      };
      if (mode === 'fault') {
        const faultable = props.map(([k, ps], i) => (canFault(ps as Schema, k, depth + 1) ? i : -1)).filter((i) => i >= 0);
        return faultable.length ? fc.constantFrom(...faultable).chain((i) => build(i)) : build(null);
      }
      return mode === 'valid' ? build(null) : fc.oneof({ arbitrary: build(null), weight: 8 }, { arbitrary: wrongType('object'), weight: 1 });
    }
    default:
      return fc.constantFrom(valid('abc'), valid(1), valid({ a: 1 }), valid(null));
  }
}

function merge(xs: Generated[]): Generated {
  return { value: xs.map((x) => x.value), invalid: xs.flatMap((x) => x.invalid) };
}
