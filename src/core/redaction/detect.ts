// Suggestions: the parts of a page's text that look like personal data the officer will usually withhold
// (第十五条 个人隐私) — 居民身份证号码 (check digit verified, GB 11643-1999), mobile and fixed phone numbers
// (same plan as core/validation/phone.ts), bank card numbers (16–19 digits passing Luhn), e-mail
// addresses — and the terms the officer lists for the case (a third party's name from the consultation).
// Pure: the caller gives the text and "today" (bounds an ID number's birth date).
import { phoneKind, residentIdProblem } from '../validation/index.ts';
import { luhnValid } from './luhn.ts';

export const SUGGESTION_PATTERNS = ['id-number', 'phone', 'bank-card', 'email'] as const;
export type SuggestionPattern = (typeof SUGGESTION_PATTERNS)[number];
export type SuggestionKind = SuggestionPattern | 'term';

export function isSuggestionPattern(v: unknown): v is SuggestionPattern {
  return typeof v === 'string' && (SUGGESTION_PATTERNS as readonly string[]).includes(v);
}

export interface TextMatch {
  kind: SuggestionKind;
  /** offsets into the searched text, end exclusive */
  start: number;
  end: number;
  text: string;
}

const NOT_ALNUM_BEFORE = '(?<![0-9A-Za-z])';
const NOT_ALNUM_AFTER = '(?![0-9A-Za-z])';
const SEP = '[ \\u00a0-]?';

// 18 characters, possibly written in groups 6-8-4 (the way people type them into forms).
const ID_RE = new RegExp(`${NOT_ALNUM_BEFORE}\\d{6}${SEP}\\d{8}${SEP}\\d{3}[\\dXx]${NOT_ALNUM_AFTER}`, 'g');
// Mobile: 1[3-9]X XXXX XXXX, optionally after +86 / 0086; fixed: area code (0XX or 0XXX, maybe in
// parentheses) then 7–8 digits, optional extension.
const MOBILE_RE = new RegExp(`(?<![0-9+])(?:(?:\\+86|0086)${SEP})?1[3-9]\\d${SEP}\\d{4}${SEP}\\d{4}(?!\\d)`, 'g');
const FIXED_RE = /(?<![0-9])(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3})[ \u00a0-]?[2-9]\d{2,3}[ \u00a0-]?\d{4}(?:(?:转|-|#)\d{1,6})?(?!\d)/g;
// 16–19 digits, in one run or in groups of four separated by single spaces or hyphens.
const CARD_RE = /(?<![0-9])(?:\d{16,19}|\d{4}(?:[ \u00a0-]\d{4}){3}(?:[ \u00a0-]?\d{1,3})?)(?![0-9])/g;
// A practical e-mail address (RFC 5322 dot-atom local part, domain with a dot).
const EMAIL_RE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+(?![A-Za-z0-9-])/g;

const digitsOf = (s: string) => s.replace(/[^0-9Xx]/g, '').toUpperCase();

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) yield m;
}

function detectIds(text: string, today: string): TextMatch[] {
  const out: TextMatch[] = [];
  for (const m of matches(ID_RE, text)) {
    if (residentIdProblem(digitsOf(m[0]), today) === null) out.push({ kind: 'id-number', start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

function detectPhones(text: string): TextMatch[] {
  const out: TextMatch[] = [];
  for (const re of [MOBILE_RE, FIXED_RE]) {
    for (const m of matches(re, text)) {
      const v = m[0].replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/\u00a0/g, ' ');
      if (phoneKind(v) !== null) out.push({ kind: 'phone', start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  return out;
}

function detectCards(text: string): TextMatch[] {
  const out: TextMatch[] = [];
  for (const m of matches(CARD_RE, text)) {
    const d = m[0].replace(/\D/g, '');
    if (d.length >= 16 && d.length <= 19 && luhnValid(d) && !/^(\d)\1+$/.test(d)) out.push({ kind: 'bank-card', start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

function detectEmails(text: string): TextMatch[] {
  return [...matches(EMAIL_RE, text)].map((m) => ({ kind: 'email' as const, start: m.index, end: m.index + m[0].length, text: m[0] }));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A listed term, found even when the text puts spaces or line breaks between its characters (text taken
 * out of a PDF often does); Latin letters match in any case. Terms shorter than 2 characters are ignored
 * (one character would blacken half the page).
 */
function detectTerm(text: string, term: string, minChars = 2): TextMatch[] {
  const chars = [...term.replace(/\s+/g, '')];
  if (chars.length < minChars || chars.length === 0) return [];
  const re = new RegExp(chars.map(escapeRe).join('\\s*'), 'giu');
  return [...matches(re, text)].filter((m) => m[0].length > 0).map((m) => ({ kind: 'term' as const, start: m.index, end: m.index + m[0].length, text: m[0] }));
}

/**
 * Where a piece of text the officer selected (or typed) stands in `text`: like a listed term (spaces and line
 * breaks between its characters ignored, Latin letters in any case), but a single character counts, since the
 * officer chose exactly that.
 */
export function findSelection(text: string, selected: string): TextMatch[] {
  return detectTerm(text, selected, 1);
}

export interface DetectOptions {
  patterns: readonly SuggestionPattern[];
  terms: readonly string[];
  /** YYYY-MM-DD: an ID number's birth date cannot be after it */
  today: string;
}

/**
 * Every suggestion in `text`, in reading order. Where two overlap, the earlier-listed kind wins
 * (id-number before bank-card: an 18-digit ID number may also pass Luhn) — a term always stays, since
 * the officer asked for it.
 */
export function detect(text: string, opts: DetectOptions): TextMatch[] {
  const ranked: TextMatch[] = [];
  const want = new Set(opts.patterns);
  if (want.has('id-number')) ranked.push(...detectIds(text, opts.today));
  if (want.has('phone')) ranked.push(...detectPhones(text));
  if (want.has('email')) ranked.push(...detectEmails(text));
  if (want.has('bank-card')) ranked.push(...detectCards(text));
  const kept: TextMatch[] = [];
  for (const m of ranked) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  for (const term of new Set(opts.terms.map((t) => t.trim()).filter(Boolean))) kept.push(...detectTerm(text, term));
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
