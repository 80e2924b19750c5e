// Deterministic bad-input cases for the robustness guard (tests/integration/robustness.test.ts).
// No randomness: every case is derived from the OpenAPI document (API operations) or from the
// registered route list (pages and forms), in document order, so a failure reproduces exactly.
// Each case carries a `label` that names the input (long strings are shortened to "x"×100000).

export interface HttpCase {
  /** the bad input, human-readable (printed in assertion messages) */
  label: string;
  method: string;
  /** path + query, already percent-encoded as it goes on the wire */
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** a form post whose problem is in its fields: a 400/422 answer must show the error summary */
  fieldInput?: boolean;
}

export interface JsonSchema {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
}

export interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface ApiOperation {
  /** operationId, or "METHOD /path" when the route has none */
  name: string;
  method: string;
  /** OpenAPI path template, e.g. /api/users/{id} */
  path: string;
  pathParams: OpenApiParameter[];
  queryParams: OpenApiParameter[];
  bodySchema: JsonSchema | undefined;
}

export const LONG = 'x'.repeat(100_000);
export const CHINESE = '中文测试';

/** Shortens values for labels: long strings become "x"×N. */
export function show(v: unknown): string {
  if (typeof v === 'string') {
    if (v.length > 60) return `"${v.slice(0, 8)}…"(${v.length} chars)`;
    return JSON.stringify(v);
  }
  if (Array.isArray(v) && v.length > 5) return `[${show(v[0])}, …](${v.length} items)`;
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

export function operationsOf(doc: OpenApiDocument): ApiOperation[] {
  const out: ApiOperation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const m = method.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(m)) continue;
      const params = op.parameters ?? [];
      const json = op.requestBody?.content?.['application/json']?.schema;
      out.push({
        name: op.operationId ?? `${m} ${path}`,
        method: m,
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        bodySchema: json,
      });
    }
  }
  return out;
}

// ── sample values (what a plausible request would send) ───────────────────────────────────────

const DATE_NAME = /(On|Date|date|^from$|^to$|^today$|^since$|^until$|At$)$/;

function alternatives(s: JsonSchema): JsonSchema[] {
  return s.anyOf ?? s.oneOf ?? [];
}

function typeOf(s: JsonSchema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  if (s.type) return s.type;
  const alt = alternatives(s).find((a) => typeOf(a) !== undefined);
  if (alt) return typeOf(alt);
  if (s.properties) return 'object';
  return undefined;
}

function stringSample(s: JsonSchema, name: string): string {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Number.POSITIVE_INFINITY;
  const re = s.pattern ? safeRegExp(s.pattern) : undefined;
  const preferred = [
    DATE_NAME.test(name) || s.format === 'date' ? '2026-03-02' : '',
    s.format === 'date-time' ? '2026-03-02T08:00:00.000Z' : '',
    s.format === 'email' || /email/i.test(name) ? 'robust@example.com' : '',
    /phone/i.test(name) ? '13800000000' : '',
    /creditCode/i.test(name) ? '12370602780795309E' : '',
    /postcode/i.test(name) ? '264000' : '',
  ].filter(Boolean);
  const generic = ['测试内容', 'abc', '2026-03-02', '13800000000', '264000', '12370602780795309E', 'robust@example.com', '2026', '1'];
  for (const c of [...preferred, ...generic]) {
    const v = c.length >= min ? c : c + 'x'.repeat(min - c.length);
    if (v.length > max) continue;
    if (re && !re.test(v)) continue;
    return v;
  }
  return 'x'.repeat(Math.max(min, 1));
}

function safeRegExp(p: string): RegExp | undefined {
  try {
    return new RegExp(p);
  } catch {
    return undefined;
  }
}

/** A plausible value for a schema (required properties only for objects). */
export function sample(s: JsonSchema | undefined, name = ''): unknown {
  if (!s) return 'abc';
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum.find((e) => e !== '' && e !== null) ?? s.enum[0];
  const alt = alternatives(s);
  if (alt.length) return sample(alt.find((a) => typeOf(a) !== 'null') ?? alt[0], name);
  if (s.allOf?.length) return sample(s.allOf[0], name);
  switch (typeOf(s)) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const k of s.required ?? []) o[k] = sample(s.properties?.[k], k);
      return o;
    }
    case 'array': {
      const n = Math.max(1, s.minItems ?? 0);
      return Array.from({ length: n }, () => sample(s.items, name));
    }
    case 'string':
      return stringSample(s, name);
    case 'integer':
    case 'number':
      if (/year/i.test(name)) return 2025;
      return s.minimum !== undefined && s.minimum > 1 ? s.minimum : 1;
    case 'boolean':
      return true;
    default:
      return 'abc';
  }
}

// ── bad values per schema ──────────────────────────────────────────────────────────────────────

/** Bad values for a property of this schema, each with a short reason. */
export function badValues(s: JsonSchema, name: string): { why: string; value: unknown }[] {
  const t = typeOf(s);
  const out: { why: string; value: unknown }[] = [];
  const nullable = s.nullable === true || (Array.isArray(s.type) && s.type.includes('null')) || alternatives(s).some((a) => a.nullable || a.type === 'null');
  if (!nullable) out.push({ why: 'null', value: null });
  if (t !== 'array') out.push({ why: 'array instead of value', value: [sample(s, name)] });
  if (t !== 'object') out.push({ why: 'object instead of value', value: { a: 1 } });
  switch (t) {
    case 'string': {
      out.push({ why: 'number instead of string', value: 12345 });
      out.push({ why: 'boolean instead of string', value: true });
      out.push({ why: '100,000 characters', value: LONG });
      out.push({ why: 'empty string', value: '' });
      out.push({ why: 'NUL character', value: 'a\u0000b' });
      out.push({ why: 'lone surrogate', value: 'a\ud800b' });
      if (s.enum?.length || alternatives(s).some((a) => a.enum?.length)) out.push({ why: 'unknown enum value', value: 'zzz_unknown' });
      if (DATE_NAME.test(name) || s.format === 'date' || s.format === 'date-time' || /\\d\{4\}-/.test(s.pattern ?? '')) {
        out.push({ why: 'impossible date', value: '2026-02-30' });
        out.push({ why: 'not a date', value: 'abc' });
        out.push({ why: 'month 13', value: '2026-13-01' });
        out.push({ why: 'year 99999', value: '99999-01-01' });
        out.push({ why: 'year 0000', value: '0000-01-01' });
      }
      break;
    }
    case 'integer':
    case 'number':
      out.push({ why: 'string instead of number', value: 'abc' });
      out.push({ why: 'numeric string', value: '1' });
      out.push({ why: 'negative', value: -1 });
      out.push({ why: 'zero', value: 0 });
      out.push({ why: 'huge', value: 99999999999999999999 });
      out.push({ why: 'beyond int32', value: 2147483648 });
      out.push({ why: 'fraction', value: 1.5 });
      out.push({ why: 'very negative', value: -99999999 });
      out.push({ why: '1e308', value: 1e308 });
      break;
    case 'boolean':
      out.push({ why: 'string instead of boolean', value: 'abc' });
      out.push({ why: 'string "true"', value: 'true' });
      out.push({ why: 'number instead of boolean', value: 2 });
      break;
    case 'object':
      out.push({ why: 'array instead of object', value: [] });
      out.push({ why: 'string instead of object', value: 'abc' });
      out.push({ why: 'number instead of object', value: 1 });
      out.push({ why: 'empty object', value: {} });
      break;
    case 'array':
      out.push({ why: 'object instead of array', value: { a: 1 } });
      out.push({ why: 'string instead of array', value: 'abc' });
      out.push({ why: 'array of nulls', value: [null] });
      out.push({ why: 'array of numbers', value: [1, 2] });
      out.push({ why: '1000 items', value: Array.from({ length: 1000 }, () => sample(s.items, name)) });
      break;
    default:
      out.push({ why: '100,000 characters', value: LONG });
  }
  return out;
}

/** Leaf and object properties of a body schema, depth-first, with their paths (max depth 3). */
function propertyPaths(s: JsonSchema, prefix: (string | number)[] = [], depth = 0): { path: (string | number)[]; schema: JsonSchema }[] {
  const out: { path: (string | number)[]; schema: JsonSchema }[] = [];
  if (depth > 3) return out;
  const alt = alternatives(s).find((a) => typeOf(a) === 'object');
  const obj = typeOf(s) === 'object' ? (alt ?? s) : undefined;
  if (obj?.properties) {
    for (const [k, ps] of Object.entries(obj.properties)) {
      out.push({ path: [...prefix, k], schema: ps });
      out.push(...propertyPaths(ps, [...prefix, k], depth + 1));
    }
  } else if (typeOf(s) === 'array' && s.items && typeOf(s.items) === 'object') {
    out.push(...propertyPaths(s.items, [...prefix, 0], depth + 1));
  }
  return out;
}

function setPath(base: unknown, path: (string | number)[], value: unknown, schema: JsonSchema): unknown {
  const root = structuredClone(base) as Record<string, unknown>;
  let cur: Record<string | number, unknown> = root;
  let curSchema: JsonSchema | undefined = schema;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next: JsonSchema | undefined = typeof key === 'number' ? curSchema?.items : objectOf(curSchema)?.properties?.[key];
    if (cur[key] === undefined || cur[key] === null || typeof cur[key] !== 'object') {
      cur[key] = typeof path[i + 1] === 'number' ? [sample(next?.items)] : sample(next, String(key));
      if (typeof path[i + 1] === 'number' && next?.items) cur[key] = [sample(next.items)];
    }
    cur = cur[key] as Record<string | number, unknown>;
    curSchema = next;
  }
  cur[path[path.length - 1]!] = value;
  return root;
}

function objectOf(s: JsonSchema | undefined): JsonSchema | undefined {
  if (!s) return undefined;
  if (s.properties) return s;
  return alternatives(s).find((a) => a.properties);
}

// ── path and query ─────────────────────────────────────────────────────────────────────────────

/** Raw (already encoded) bad path segments. */
export const BAD_PATH_SEGMENTS: { why: string; raw: string }[] = [
  { why: 'not an id', raw: 'abc' },
  { why: 'negative', raw: '-1' },
  { why: 'zero', raw: '0' },
  { why: 'unknown id', raw: '99999999' },
  { why: 'beyond int64', raw: '99999999999999999999' },
  { why: 'fraction', raw: '1.5' },
  { why: 'exponent', raw: '1e3' },
  { why: 'NUL byte', raw: '%00' },
  { why: 'Chinese', raw: encodeURIComponent(CHINESE) },
  { why: 'malformed percent-encoding', raw: '%E4' },
  { why: 'percent sign', raw: '%25' },
  { why: 'space', raw: '%20' },
  { why: '200 characters', raw: 'a'.repeat(200) },
  { why: 'encoded slash and dots', raw: '..%2F..%2Fetc%2Fpasswd' },
];

/** Bad raw query values (already encoded). */
export const BAD_QUERY_VALUES: { why: string; raw: string }[] = [
  { why: 'not a number', raw: 'abc' },
  { why: 'negative', raw: '-1' },
  { why: 'zero', raw: '0' },
  { why: 'huge', raw: '99999999999999999999' },
  { why: 'fraction', raw: '1.5' },
  { why: 'impossible date', raw: '2026-02-30' },
  { why: 'month 13', raw: '2026-13-01' },
  { why: 'empty', raw: '' },
  { why: 'unknown enum value', raw: 'zzz_unknown' },
  { why: 'NUL byte', raw: '%00' },
  { why: 'Chinese', raw: encodeURIComponent(CHINESE) },
  { why: 'malformed percent-encoding', raw: '%E4%ZZ' },
  { why: '100,000 characters', raw: LONG },
];

export function baselinePathValue(p: { name: string; schema?: JsonSchema }, overrides: Record<string, string>): string {
  if (overrides[p.name] !== undefined) return overrides[p.name]!;
  const v = sample(p.schema, p.name);
  return encodeURIComponent(String(v));
}

function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_m, n: string) => values[n] ?? 'abc').replace(/:(\w+)/g, (_m, n: string) => values[n] ?? 'abc');
}

export function pathParamNames(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}|:(\w+)/g)].map((m) => (m[1] ?? m[2])!);
}

// ── API cases ──────────────────────────────────────────────────────────────────────────────────

const JSON_HEADERS = { 'content-type': 'application/json' };

function multipartBody(fields: [string, string][], files: [string, string, Buffer][]): { payload: Buffer; contentType: string } {
  const boundary = '----gongkai-robustness-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of fields) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const [k, filename, data] of files) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"; filename="${filename}"\r\ncontent-type: application/octet-stream\r\n\r\n`));
    parts.push(data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const JUNK_FILE = Buffer.from([0x00, 0xff, 0xfe, 0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0x9c, 0x80, 0x81, 0xc3, 0x28, 0xe4, 0xb8]);
const FILE_FIELDS = ['file', 'files', 'attachment', 'attachments', 'report', 'data', 'upload'];

/** Bodies sent to every operation that accepts one (and to every POST/PUT/PATCH without a documented body). */
function genericBodyCases(method: string, url: string, baseline: unknown): HttpCase[] {
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  const cases: HttpCase[] = [
    { label: 'no body, no content-type', method, url, headers: {} },
    { label: 'content-type json, empty body', method, url, headers: JSON_HEADERS, payload: '' },
    { label: 'malformed JSON {"a":', method, url, headers: JSON_HEADERS, payload: '{"a":' },
    { label: 'malformed JSON trailing comma', method, url, headers: JSON_HEADERS, payload: '{"a":1,}' },
    { label: "malformed JSON single quotes", method, url, headers: JSON_HEADERS, payload: "{'a':1}" },
    { label: 'invalid UTF-8 bytes as JSON', method, url, headers: JSON_HEADERS, payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
    { label: 'body {}', method, url, headers: JSON_HEADERS, payload: '{}' },
    { label: 'body []', method, url, headers: JSON_HEADERS, payload: '[]' },
    { label: 'body [{}]', method, url, headers: JSON_HEADERS, payload: '[{}]' },
    { label: 'body null', method, url, headers: JSON_HEADERS, payload: 'null' },
    { label: 'body "abc"', method, url, headers: JSON_HEADERS, payload: '"abc"' },
    { label: 'body 123', method, url, headers: JSON_HEADERS, payload: '123' },
    { label: 'body true', method, url, headers: JSON_HEADERS, payload: 'true' },
    { label: 'array nested 5000 deep', method, url, headers: JSON_HEADERS, payload: deep },
    {
      label: 'baseline body with __proto__ / constructor keys',
      method,
      url,
      headers: JSON_HEADERS,
      payload: JSON.stringify(baseline ?? {}).replace(/^\{/, '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},').replace(/,\}$/, '}'),
    },
    { label: 'content-type text/plain', method, url, headers: { 'content-type': 'text/plain' }, payload: 'hello' },
    { label: 'content-type application/xml', method, url, headers: { 'content-type': 'application/xml' }, payload: '<a>1</a>' },
    { label: 'content-type form-urlencoded a=1&a=2', method, url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1&a=2&b=%E4%ZZ' },
    { label: 'content-type json with charset=latin1', method, url, headers: { 'content-type': 'application/json; charset=latin1' }, payload: '{}' },
    { label: 'content-type garbage', method, url, headers: { 'content-type': ';;;/' }, payload: '{}' },
    { label: 'multipart without boundary', method, url, headers: { 'content-type': 'multipart/form-data' }, payload: 'abc' },
  ];
  const mp = multipartBody([['a', 'abc'], ['year', '-1']], FILE_FIELDS.map((f) => [f, 'junk.bin', JUNK_FILE] as [string, string, Buffer]));
  cases.push({ label: `multipart junk fields + junk files (${FILE_FIELDS.join(',')})`, method, url, headers: { 'content-type': mp.contentType }, payload: mp.payload });
  const mpEmpty = multipartBody([], []);
  cases.push({ label: 'multipart with no parts', method, url, headers: { 'content-type': mpEmpty.contentType }, payload: mpEmpty.payload });
  cases.push({ label: 'multipart cut short (no closing boundary)', method, url, headers: { 'content-type': mp.contentType }, payload: mp.payload.subarray(0, 120) });
  return cases;
}

/**
 * Every bad-input case for one operation. `pathOverrides` gives the baseline (valid-looking, encoded)
 * value of path parameters by name, so that body and query cases reach the handler.
 */
export function apiCases(op: ApiOperation, pathOverrides: Record<string, string> = {}): HttpCase[] {
  const base: Record<string, string> = {};
  for (const p of op.pathParams) base[p.name] = baselinePathValue(p, pathOverrides);
  const baseUrl = fillPath(op.path, base);
  const cases: HttpCase[] = [];
  const m = op.method;
  const bodyBaseline = op.bodySchema ? sample(op.bodySchema) : undefined;
  const baselineBody = (): Pick<HttpCase, 'headers' | 'payload'> => (bodyBaseline === undefined ? { headers: {} } : { headers: JSON_HEADERS, payload: JSON.stringify(bodyBaseline) });

  // path parameters
  for (const p of op.pathParams) {
    for (const bad of BAD_PATH_SEGMENTS) {
      const url = fillPath(op.path, { ...base, [p.name]: bad.raw });
      cases.push({ label: `path ${p.name}=${bad.raw.length > 40 ? `${bad.raw.slice(0, 8)}…(${bad.raw.length} chars)` : bad.raw} (${bad.why})`, method: m, url, ...baselineBody() });
    }
  }
  // query parameters
  for (const q of op.queryParams) {
    for (const bad of BAD_QUERY_VALUES) {
      cases.push({ label: `query ${q.name}=${bad.raw.length > 40 ? `${bad.raw.slice(0, 8)}…(${bad.raw.length} chars)` : bad.raw} (${bad.why})`, method: m, url: `${baseUrl}?${q.name}=${bad.raw}`, ...baselineBody() });
    }
    cases.push({ label: `query ${q.name} repeated (${q.name}=1&${q.name}=2)`, method: m, url: `${baseUrl}?${q.name}=1&${q.name}=2`, ...baselineBody() });
    cases.push({ label: `query ${q.name}[a]=1 (bracket syntax)`, method: m, url: `${baseUrl}?${q.name}%5Ba%5D=1`, ...baselineBody() });
  }
  cases.push({ label: 'query junk keys (__proto__, constructor, zzz repeated)', method: m, url: `${baseUrl}?__proto__=1&constructor=x&zzz=1&zzz=2&lang=xx`, ...baselineBody() });
  cases.push({ label: 'query malformed percent-encoding only', method: m, url: `${baseUrl}?%E4=%`, ...baselineBody() });

  // body
  if (m !== 'GET') {
    cases.push(...genericBodyCases(m, baseUrl, bodyBaseline));
    if (op.bodySchema) {
      for (const { path, schema } of propertyPaths(op.bodySchema)) {
        const where = path.join('.');
        for (const bad of badValues(schema, String(path[path.length - 1]))) {
          const body = setPath(bodyBaseline, path, bad.value, op.bodySchema);
          cases.push({ label: `body.${where} = ${show(bad.value)} (${bad.why})`, method: m, url: baseUrl, headers: JSON_HEADERS, payload: JSON.stringify(body) });
        }
        // only this property missing
        if (path.length === 1 && bodyBaseline && typeof bodyBaseline === 'object' && where in (bodyBaseline as object)) {
          const body = { ...(bodyBaseline as Record<string, unknown>) };
          delete body[where];
          cases.push({ label: `body without ${where}`, method: m, url: baseUrl, headers: JSON_HEADERS, payload: JSON.stringify(body) });
        }
      }
    }
  }
  return cases;
}

// ── page and form cases ───────────────────────────────────────────────────────────────────────

/** Query parameter names pages commonly read (plus every name found in the API document). */
export const COMMON_QUERY_NAMES = ['page', 'pageSize', 'q', 'year', 'from', 'to', 'agency', 'agencyId', 'state', 'view', 'sort', 'dir', 'category', 'kind', 'validity', 'format', 'code', 'phone', 'next', 'back', 'large', 'contrast', 'lang', 'id', 'cell', 'row', 'col', 'action', 'type', 'status', 'tab', 'date', 'month', 'ok', 'flash'];

export function pageGetCases(url: string, queryNames: readonly string[], pathOverrides: Record<string, string>): HttpCase[] {
  const names = pathParamNames(url);
  const base: Record<string, string> = {};
  for (const n of names) base[n] = pathOverrides[n] ?? defaultPathValue(n);
  const baseUrl = fillPath(url, base);
  const cases: HttpCase[] = [];
  for (const n of names) {
    for (const bad of BAD_PATH_SEGMENTS) {
      cases.push({ label: `path ${n}=${bad.raw.length > 40 ? `${bad.raw.slice(0, 8)}…(${bad.raw.length} chars)` : bad.raw} (${bad.why})`, method: 'GET', url: fillPath(url, { ...base, [n]: bad.raw }), headers: {} });
    }
  }
  for (const bad of BAD_QUERY_VALUES) {
    const qs = queryNames.map((q) => `${q}=${bad.raw}`).join('&');
    cases.push({ label: `every common query key = ${bad.raw.length > 40 ? `${bad.raw.slice(0, 8)}…(${bad.raw.length} chars)` : bad.raw} (${bad.why})`, method: 'GET', url: `${baseUrl}?${qs}`, headers: {} });
  }
  cases.push({ label: 'every common query key repeated (k=1&k=2)', method: 'GET', url: `${baseUrl}?${queryNames.map((q) => `${q}=1&${q}=2`).join('&')}`, headers: {} });
  cases.push({ label: 'query junk keys (__proto__, constructor, %E4=%)', method: 'GET', url: `${baseUrl}?__proto__=1&constructor=x&%E4=%`, headers: {} });
  return cases;
}

export function defaultPathValue(name: string): string {
  if (/^year$/i.test(name)) return '2025';
  if (/creditCode/i.test(name)) return '12370602780795309E';
  if (/id$/i.test(name)) return '1';
  return 'abc';
}

/** Form posts: empty, junk in every known field, per-field junk types; urlencoded and multipart. */
export function formPostCases(url: string, fieldNames: readonly string[], pathOverrides: Record<string, string>, csrf: string | undefined): HttpCase[] {
  const names = pathParamNames(url);
  const base: Record<string, string> = {};
  for (const n of names) base[n] = pathOverrides[n] ?? defaultPathValue(n);
  const baseUrl = fillPath(url, base);
  const withCsrf = (fields: [string, string][]): [string, string][] => (csrf ? [['_csrf', csrf], ...fields] : fields);
  const urlencoded = (fields: [string, string][]) => withCsrf(fields).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
  const cases: HttpCase[] = [];
  cases.push({ fieldInput: true, label: 'empty form (only _csrf)', method: 'POST', url: baseUrl, headers: FORM, payload: urlencoded([]) });
  const junk: { why: string; value: string }[] = [
    { why: 'abc', value: 'abc' },
    { why: '-1', value: '-1' },
    { why: 'huge number', value: '99999999999999999999' },
    { why: 'impossible date', value: '2026-02-30' },
    { why: 'Chinese', value: CHINESE },
    { why: 'NUL', value: 'a\u0000b' },
    { why: 'empty', value: '' },
  ];
  for (const j of junk) {
    cases.push({ fieldInput: true, label: `every known field = ${JSON.stringify(j.value)} (${j.why})`, method: 'POST', url: baseUrl, headers: FORM, payload: urlencoded(fieldNames.map((f) => [f, j.value])) });
  }
  cases.push({ fieldInput: true, label: 'every known field repeated (f=1&f=2)', method: 'POST', url: baseUrl, headers: FORM, payload: urlencoded(fieldNames.flatMap((f) => [[f, '1'], [f, '2']] as [string, string][])) });
  const textish = fieldNames.filter((f) => /title|content|name|body|note|reason|text|summary|q$|username|matter|opinion|basis/i.test(f)).slice(0, 8);
  cases.push({ fieldInput: true, label: `100,000 characters in text fields (${textish.join(',')})`, method: 'POST', url: baseUrl, headers: FORM, payload: urlencoded(textish.map((f) => [f, LONG])) });
  cases.push({ fieldInput: true, label: 'form-urlencoded with malformed percent-encoding', method: 'POST', url: baseUrl, headers: FORM, payload: `${csrf ? `_csrf=${encodeURIComponent(csrf)}&` : ''}a=%E4%ZZ&%=1` });
  cases.push({ label: 'JSON body to a form route', method: 'POST', url: baseUrl, headers: JSON_HEADERS, payload: JSON.stringify({ _csrf: csrf, a: [1], b: { c: null } }) });
  const mpEmpty = multipartBody(withCsrf([]), []);
  cases.push({ fieldInput: true, label: 'multipart, only _csrf', method: 'POST', url: baseUrl, headers: { 'content-type': mpEmpty.contentType }, payload: mpEmpty.payload });
  const mp = multipartBody(withCsrf(fieldNames.map((f) => [f, 'abc'])), FILE_FIELDS.map((f) => [f, 'junk.bin', JUNK_FILE] as [string, string, Buffer]));
  cases.push({ fieldInput: true, label: `multipart, every known field = "abc", junk files (${FILE_FIELDS.join(',')})`, method: 'POST', url: baseUrl, headers: { 'content-type': mp.contentType }, payload: mp.payload });
  const mpEmptyFile = multipartBody(withCsrf([]), FILE_FIELDS.map((f) => [f, '', Buffer.alloc(0)] as [string, string, Buffer]));
  cases.push({ fieldInput: true, label: 'multipart, empty files with no filename', method: 'POST', url: baseUrl, headers: { 'content-type': mpEmptyFile.contentType }, payload: mpEmptyFile.payload });
  for (const n of names) {
    for (const bad of BAD_PATH_SEGMENTS.slice(0, 10)) {
      cases.push({ label: `path ${n}=${bad.raw} (${bad.why}), empty form`, method: 'POST', url: fillPath(url, { ...base, [n]: bad.raw }), headers: FORM, payload: urlencoded([]) });
    }
  }
  return cases;
}

/** Every property and query-parameter name in the API document (used as form field names). */
export function fieldNamesOf(doc: OpenApiDocument): string[] {
  const names = new Set<string>();
  const walk = (s: JsonSchema | undefined, depth: number) => {
    if (!s || depth > 3) return;
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      names.add(k);
      walk(v, depth + 1);
    }
    for (const a of alternatives(s)) walk(a, depth + 1);
    if (s.items) walk(s.items, depth + 1);
  };
  for (const ops of Object.values(doc.paths)) {
    for (const op of Object.values(ops)) {
      for (const p of op.parameters ?? []) if (p.in === 'query') names.add(p.name);
      walk(op.requestBody?.content?.['application/json']?.schema, 0);
    }
  }
  return [...names].sort();
}
