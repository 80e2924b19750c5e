// The document tree of a slimmed report page (html.ts `slimUtf8`) without parse5 — the same tree parse5 builds, for
// the pages whose markup only takes the common paths of the HTML5 tree-construction rules, and `undefined` for any
// other page (the caller then parses it with parse5). Slimmed pages keep few element kinds (p, div, li, ul, table
// rows and cells, br, headings, forms …, no inline tags and no attributes but rowspan/colspan), so a small tokenizer
// and the "in body" and table insertion modes cover them; what is not covered is refused, never guessed:
//   - any tag whose rules are not implemented here (formatting tags other than a first `a`, pre, select, svg, math,
//     template, script, style, frameset, object …), a second open `a` (the adoption agency), `</a>`;
//   - anything a table would foster-parent (text other than ASCII whitespace directly in a table, a row or a
//     section; any other tag there), caption and colgroup, a table inside an open p (the document's quirks mode
//     would decide), a nested table opened in table context;
//   - comments, bogus comments, processing instructions, NUL, character references other than the numeric ones and
//     a few named ones with their semicolon (the legacy named ones without it differ by context), a character
//     reference in a title or a rowspan/colspan value, a tag or raw text cut off by the end of the page.
// The rules implemented follow parse5 (the version pinned in package.json), including its reading of the stack's
// scopes; html-tree.test.ts compares the reader's lines from both trees on the report fixtures, damaged copies of
// them, the benchmark's files and generated tag soup.

export interface TNode {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: TNode[];
}

class Refused extends Error {}
function refuse(): never {
  throw new Refused();
}

const SPECIAL = new Set([
  'address', 'applet', 'area', 'article', 'aside', 'base', 'basefont', 'bgsound', 'blockquote', 'body', 'br', 'button',
  'caption', 'center', 'col', 'colgroup', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'embed', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr',
  'html', 'iframe', 'img', 'input', 'li', 'link', 'listing', 'main', 'marquee', 'menu', 'meta', 'nav', 'noembed',
  'noframes', 'noscript', 'object', 'ol', 'p', 'param', 'plaintext', 'pre', 'script', 'section', 'select', 'source',
  'style', 'summary', 'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th', 'thead', 'title', 'tr', 'track',
  'ul', 'wbr', 'xmp',
]);
/** Scope boundaries ("has an element in scope"); list item scope adds ol/ul, button scope adds button. */
const SCOPE = new Set(['applet', 'caption', 'html', 'marquee', 'object', 'table', 'td', 'template', 'th']);
const IMPLIED = new Set(['dd', 'dt', 'li', 'optgroup', 'option', 'p', 'rb', 'rp', 'rt', 'rtc']);
const IMPLIED_THOROUGHLY = new Set([...IMPLIED, 'caption', 'colgroup', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const TABLE_BODIES = new Set(['tbody', 'tfoot', 'thead']);
const TABLE_STRUCTURE = new Set(['table', 'tbody', 'tfoot', 'thead', 'tr']);
/** "in body": start tags that close a p in button scope and open the element. */
const BLOCK_START = new Set([
  'p', 'dl', 'ol', 'ul', 'div', 'dir', 'nav', 'main', 'menu', 'aside', 'center', 'figure', 'footer', 'header', 'hgroup',
  'dialog', 'details', 'address', 'article', 'search', 'section', 'summary', 'fieldset', 'blockquote', 'figcaption',
]);
/** "in body": end tags that close the element when it is in scope. */
const BLOCK_END = new Set([...BLOCK_START, 'pre', 'button', 'listing']);
BLOCK_END.delete('p');
const VOID_RECONSTRUCT = new Set(['br', 'img', 'wbr', 'area', 'embed', 'keygen']);
const VOID_PLAIN = new Set(['param', 'track', 'source']);
/** "in body": start tags ignored (table parts outside a table, head). */
const IGNORED_IN_BODY = new Set(['col', 'th', 'td', 'tr', 'head', 'frame', 'tbody', 'tfoot', 'thead', 'caption', 'colgroup']);
/** Elements whose text is raw (RAWTEXT or RCDATA) up to their end tag. */
const RAW = new Set(['iframe', 'noembed', 'noframes', 'noscript', 'textarea', 'title']);
/** Tags with rules not implemented here: a page using them is parsed by parse5. */
const NOT_COVERED = new Set([
  'b', 'big', 'code', 'em', 'font', 'i', 's', 'small', 'strike', 'strong', 'tt', 'u', 'nobr', 'applet', 'marquee',
  'object', 'pre', 'listing', 'xmp', 'svg', 'math', 'base', 'link', 'meta', 'style', 'script', 'bgsound', 'basefont',
  'template', 'frameset', 'image', 'input', 'select', 'option', 'optgroup', 'rb', 'rtc', 'rp', 'rt', 'plaintext',
]);
const FORMATTING_END = new Set(['a', 'b', 'i', 's', 'u', 'em', 'tt', 'big', 'code', 'font', 'nobr', 'small', 'strike', 'strong', 'applet', 'object', 'marquee', 'template']);

const NAMED: Record<string, string> = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '\u201c', rdquo: '\u201d', lsquo: '\u2018',
  rsquo: '\u2019', mdash: '\u2014', ndash: '\u2013', hellip: '\u2026', middot: '\u00b7', emsp: '\u2003', ensp: '\u2002',
  thinsp: '\u2009', times: '\u00d7', copy: '\u00a9', reg: '\u00ae',
};

const isWs = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 12 || c === 13;
const isAlpha = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isAlnum = (c: number): boolean => isAlpha(c) || (c >= 48 && c <= 57);

/** Text with its character references decoded (only those decoded alike in every context; others refuse). */
function decode(s: string, from: number, to: number): string {
  let amp = s.indexOf('&', from);
  if (amp < 0 || amp >= to) return s.slice(from, to);
  let out = '';
  let last = from;
  while (amp >= 0 && amp < to) {
    const c = s.charCodeAt(amp + 1);
    if (c === 35) {
      // &#…; / &#x…;
      let k = amp + 2;
      const hex = (s.charCodeAt(k) | 32) === 120;
      if (hex) k++;
      const d0 = k;
      while (k < to && (hex ? isAlnum(s.charCodeAt(k)) : s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57)) k++;
      if (k === d0 || k - d0 > 6 || s.charCodeAt(k) !== 59 || k >= to) refuse();
      const v = Number.parseInt(s.slice(d0, k), hex ? 16 : 10);
      if (!Number.isFinite(v) || !(v === 9 || v === 10 || (v >= 0x20 && v <= 0x7e) || (v >= 0xa0 && v <= 0xd7ff) || (v >= 0xe000 && v <= 0xfdcf) || (v >= 0xfdf0 && v <= 0xfffd) || (v >= 0x10000 && v <= 0x10fffd && (v & 0xfffe) !== 0xfffe))) refuse();
      out += s.slice(last, amp) + String.fromCodePoint(v);
      last = k + 1;
    } else if (isAlnum(c)) {
      let k = amp + 1;
      while (k < to && isAlnum(s.charCodeAt(k))) k++;
      const v = s.charCodeAt(k) === 59 && k < to ? NAMED[s.slice(amp + 1, k)] : undefined;
      if (v === undefined) refuse();
      out += s.slice(last, amp) + v;
      last = k + 1;
    }
    amp = s.indexOf('&', amp + 1);
    if (amp >= 0 && amp < last) amp = s.indexOf('&', last);
  }
  return out + s.slice(last, to);
}

interface Tag {
  name: string;
  end: boolean;
  attrs: { name: string; value: string }[];
  /** index after ">" */
  next: number;
}

/** The tag at s[lt] ("<" followed by a letter, or "</" by a letter): name, attributes (first of a name wins), end. */
function readTag(s: string, lt: number): Tag {
  const end = s.charCodeAt(lt + 1) === 47;
  let i = lt + (end ? 2 : 1);
  const n = s.length;
  const n0 = i;
  let c = 0;
  while (i < n && !isWs((c = s.charCodeAt(i))) && c !== 47 && c !== 62) i++;
  if (i >= n) refuse();
  const name = s.slice(n0, i).toLowerCase();
  const attrs: { name: string; value: string }[] = [];
  for (;;) {
    while (i < n && isWs(s.charCodeAt(i))) i++;
    if (i >= n) refuse();
    c = s.charCodeAt(i);
    if (c === 62) return { name, end, attrs, next: i + 1 };
    if (c === 47) { i++; continue; } // "/>" ends the tag at the ">"; a lone "/" is skipped
    // attribute name (a leading "=" belongs to it)
    const a0 = i;
    i++;
    while (i < n && !isWs((c = s.charCodeAt(i))) && c !== 47 && c !== 62 && c !== 61) i++;
    if (i >= n) refuse();
    const aname = s.slice(a0, i).toLowerCase();
    while (i < n && isWs(s.charCodeAt(i))) i++;
    if (i >= n) refuse();
    let value = '';
    if (s.charCodeAt(i) === 61) {
      i++;
      while (i < n && isWs(s.charCodeAt(i))) i++;
      if (i >= n) refuse();
      c = s.charCodeAt(i);
      if (c === 34 || c === 39) {
        const q = s.indexOf(c === 34 ? '"' : "'", i + 1);
        if (q < 0) refuse();
        value = s.slice(i + 1, q);
        i = q + 1;
      } else if (c !== 62) {
        const v0 = i;
        while (i < n && !isWs((c = s.charCodeAt(i))) && c !== 62) i++;
        if (i >= n) refuse();
        value = s.slice(v0, i);
      }
    }
    if ((aname === 'rowspan' || aname === 'colspan') && value.includes('&')) refuse();
    if (!attrs.some((x) => x.name === aname)) attrs.push({ name: aname, value });
  }
}

type Mode = 'initial' | 'beforeHtml' | 'beforeHead' | 'inHead' | 'afterHead' | 'body' | 'table' | 'tableBody' | 'row' | 'cell';

const MARKER = null;

/** The tree parse5 builds from `s` (a slimmed page), or undefined when the page takes a path not implemented here. */
export function simpleTree(s: string): TNode | undefined {
  try {
    return build(s);
  } catch (e) {
    if (e instanceof Refused) return undefined;
    throw e;
  }
}

function build(s: string): TNode {
  if (s.includes('\0')) refuse();
  const doc: TNode = { nodeName: '#document', childNodes: [] };
  const stack: TNode[] = [];
  const active: (TNode | null)[] = [];
  let mode: Mode = 'initial';
  let head: TNode | undefined;
  let form: TNode | undefined;

  const current = (): TNode => stack[stack.length - 1]!;
  const cur = (): string => (stack.length ? stack[stack.length - 1]!.nodeName : '');
  const append = (parent: TNode, node: TNode): void => {
    parent.childNodes!.push(node);
  };
  const insert = (name: string, attrs: { name: string; value: string }[] = []): TNode => {
    const el: TNode = { nodeName: name, attrs, childNodes: [] };
    append(stack.length ? current() : doc, el);
    stack.push(el);
    return el;
  };
  const text = (t: string): void => {
    if (t === '') return;
    const p = current();
    const last = p.childNodes![p.childNodes!.length - 1];
    if (last && last.nodeName === '#text') last.value += t;
    else append(p, { nodeName: '#text', value: t });
  };
  const topmost = (name: string): number => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.nodeName === name) return i;
    return -1;
  };
  const inScope = (name: string, extra?: (n: string) => boolean): boolean => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const n = stack[i]!.nodeName;
      if (n === name) return true;
      if (SCOPE.has(n) || extra?.(n)) return false;
    }
    return true;
  };
  const inButtonScope = (name: string): boolean => inScope(name, (n) => n === 'button');
  const inListItemScope = (name: string): boolean => inScope(name, (n) => n === 'ol' || n === 'ul');
  const inTableScope = (name: string): boolean => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const n = stack[i]!.nodeName;
      if (n === name) return true;
      if (n === 'table' || n === 'html') return false;
    }
    return true;
  };
  const shortenTo = (len: number): void => { if (stack.length > len) stack.length = len; };
  const popUntil = (name: string): void => shortenTo(Math.max(topmost(name), 0));
  const impliedEnd = (): void => { while (stack.length && IMPLIED.has(cur())) stack.pop(); };
  const impliedEndExcept = (name: string): void => { while (stack.length && cur() !== name && IMPLIED_THOROUGHLY.has(cur())) stack.pop(); };
  const closeP = (): void => { impliedEndExcept('p'); popUntil('p'); };
  const specialAbove = (i: number, skip?: Set<string>): boolean => {
    for (let k = stack.length - 1; k > i; k--) if (SPECIAL.has(stack[k]!.nodeName) && !skip?.has(stack[k]!.nodeName)) return true;
    return false;
  };
  const reconstruct = (): void => {
    if (active.length === 0) return;
    let i = active.length - 1;
    const last = active[i];
    if (last === MARKER || stack.includes(last!)) return;
    while (i > 0 && active[i - 1] !== MARKER && !stack.includes(active[i - 1]!)) i--;
    for (; i < active.length; i++) {
      const e = active[i]!;
      active[i] = insert(e.nodeName, e.attrs);
    }
  };
  const clearToMarker = (): void => {
    while (active.length) if (active.pop() === MARKER) break;
  };
  const resetMode = (): void => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const n = stack[i]!.nodeName;
      if (n === 'tr') { mode = 'row'; return; }
      if (TABLE_BODIES.has(n)) { mode = 'tableBody'; return; }
      if (n === 'table') { mode = 'table'; return; }
      if (n === 'body') { mode = 'body'; return; }
      if (n === 'html') { mode = head ? 'afterHead' : 'beforeHead'; return; }
      if ((n === 'td' || n === 'th') && i > 0) { mode = 'cell'; return; }
      if (n === 'head' && i > 0) { mode = 'inHead'; return; }
      if (n === 'caption' || n === 'colgroup' || n === 'frameset' || n === 'select' || n === 'template') refuse();
    }
    mode = 'body';
  };
  const closeCell = (): void => {
    impliedEnd();
    shortenTo(Math.max(Math.max(topmost('td'), topmost('th')), 0));
    clearToMarker();
    mode = 'row';
  };
  /** The raw text of a RAWTEXT/RCDATA element opened by the tag ending at `from`: up to its end tag (consumed). */
  const rawText = (el: TNode, from: number): number => {
    const name = el.nodeName;
    let q = s.indexOf('</', from);
    for (;;) {
      if (q < 0) refuse();
      if (s.substr(q + 2, name.length).toLowerCase() === name) {
        const c = s.charCodeAt(q + 2 + name.length);
        if (isWs(c) || c === 47 || c === 62) break;
      }
      q = s.indexOf('</', q + 2);
    }
    if (q > from) {
      if (name === 'title' && s.lastIndexOf('&', q) >= from) refuse();
      el.childNodes!.push({ nodeName: '#text', value: s.slice(from, q) });
    }
    const t = readTag(s, q);
    stack.pop();
    return t.next;
  };

  /** A start tag in "in body"; returns the index to go on from. */
  const startInBody = (t: Tag): number => {
    const n = t.name;
    if (NOT_COVERED.has(n) && n !== 'a') refuse();
    if (BLOCK_START.has(n)) {
      if (inButtonScope('p')) closeP();
      insert(n, t.attrs);
    } else if (HEADINGS.has(n)) {
      if (inButtonScope('p')) closeP();
      if (HEADINGS.has(cur())) stack.pop();
      insert(n, t.attrs);
    } else if (n === 'li' || n === 'dd' || n === 'dt') {
      const idx = n === 'li' ? topmost('li') : Math.max(topmost('dd'), topmost('dt'));
      if (idx !== -1 && !specialAbove(idx, ADDRESS_DIV_P)) {
        const name = stack[idx]!.nodeName;
        impliedEndExcept(name);
        popUntil(name);
      }
      if (inButtonScope('p')) closeP();
      insert(n, t.attrs);
    } else if (VOID_RECONSTRUCT.has(n)) {
      reconstruct();
      insert(n, t.attrs);
      stack.pop();
    } else if (VOID_PLAIN.has(n)) {
      insert(n, t.attrs);
      stack.pop();
    } else if (n === 'hr') {
      if (inButtonScope('p')) closeP();
      insert(n, t.attrs);
      stack.pop();
    } else if (n === 'button') {
      if (inScope('button')) { impliedEnd(); popUntil('button'); }
      reconstruct();
      insert(n, t.attrs);
    } else if (n === 'a') {
      for (let i = active.length - 1; i >= 0 && active[i] !== MARKER; i--) if (active[i]!.nodeName === 'a') refuse();
      reconstruct();
      active.push(insert(n, t.attrs));
    } else if (n === 'form') {
      if (!form) {
        if (inButtonScope('p')) closeP();
        form = insert(n, t.attrs);
      }
    } else if (n === 'table') {
      if (inButtonScope('p')) refuse(); // closed or not depending on the quirks mode
      insert(n, t.attrs);
      mode = 'table';
    } else if (IGNORED_IN_BODY.has(n) || n === 'html' || n === 'body') {
      // ignored (the attributes of html/body would merge: not read)
    } else if (RAW.has(n)) {
      return rawText(insert(n, t.attrs), t.next);
    } else {
      reconstruct();
      insert(n, t.attrs);
    }
    return t.next;
  };

  const endInBody = (t: Tag): void => {
    const n = t.name;
    if (FORMATTING_END.has(n)) refuse();
    if (n === 'p') {
      if (!inButtonScope('p')) insert('p');
      closeP();
    } else if (BLOCK_END.has(n)) {
      if (inScope(n)) { impliedEnd(); popUntil(n); }
    } else if (n === 'li') {
      if (inListItemScope('li')) { impliedEndExcept('li'); popUntil('li'); }
    } else if (n === 'dd' || n === 'dt') {
      if (inScope(n)) { impliedEndExcept(n); popUntil(n); }
    } else if (HEADINGS.has(n)) {
      let i = stack.length - 1;
      for (; i >= 0; i--) {
        const m = stack[i]!.nodeName;
        if (HEADINGS.has(m)) break;
        if (SCOPE.has(m)) { i = -2; break; }
      }
      if (i !== -2) {
        impliedEnd();
        let top = -1;
        for (let k = stack.length - 1; k >= 0; k--) if (HEADINGS.has(stack[k]!.nodeName)) { top = k; break; }
        shortenTo(Math.max(top, 0));
      }
    } else if (n === 'br') {
      reconstruct();
      insert('br');
      stack.pop();
    } else if (n === 'body' || n === 'html') {
      // after body: what follows is read with the "in body" rules again (the stack is not popped)
    } else if (n === 'form') {
      const f = form;
      form = undefined;
      if (f && inScope('form')) {
        impliedEnd();
        if (current() !== f) refuse();
        stack.pop();
      }
    } else {
      const i = topmost(n);
      if (i > 0 && !specialAbove(i)) {
        impliedEndExcept(n);
        shortenTo(i);
      }
    }
  };

  const n = s.length;
  let pos = 0;
  let textFrom = 0;
  while (pos <= n) {
    const lt = pos < n ? s.indexOf('<', pos) : -1;
    const end = lt < 0 ? n : lt;
    // is this "<" the start of markup?
    let markup = false;
    if (lt >= 0) {
      const c = s.charCodeAt(lt + 1);
      if (isAlpha(c) || c === 33 || c === 63) markup = true;
      else if (c === 47) {
        const c2 = s.charCodeAt(lt + 2);
        if (isAlpha(c2) || c2 === 62) markup = true;
        else refuse(); // "</" then something else: a bogus comment, or EOF
      }
      if (!markup) { pos = lt + 1; continue; }
    }
    if (end > textFrom) characters(textFrom, end);
    if (lt < 0) break;
    const c1 = s.charCodeAt(lt + 1);
    if (c1 === 63) refuse();
    if (c1 === 33) {
      // <!DOCTYPE …> only (comments were removed by the slimming; one left is unterminated)
      if (s.substr(lt + 2, 7).toUpperCase() !== 'DOCTYPE') refuse();
      const gt = s.indexOf('>', lt);
      if (gt < 0) refuse();
      if (mode === 'initial') mode = 'beforeHtml';
      pos = textFrom = gt + 1;
      continue;
    }
    if (c1 === 47 && s.charCodeAt(lt + 2) === 62) { pos = textFrom = lt + 3; continue; } // "</>" is ignored
    const t = readTag(s, lt);
    pos = textFrom = t.end ? endTag(t) : startTag(t);
  }

  function characters(from: number, to: number): void {
    let i = from;
    // the modes before "in body" skip or place leading whitespace
    while (mode !== 'body' && mode !== 'cell') {
      let k = i;
      while (k < to && isWs(s.charCodeAt(k))) k++;
      if (mode === 'table' || mode === 'tableBody' || mode === 'row') {
        if (k < to || !TABLE_STRUCTURE.has(cur())) refuse(); // fostered
        text(decode(s, i, to));
        return;
      }
      if (mode === 'inHead' || mode === 'afterHead') text(s.slice(i, k));
      i = k;
      if (i >= to) return;
      anythingElse();
    }
    reconstruct();
    text(decode(s, i, to));
  }

  /** The implied html, head and body elements of the modes before "in body", one step. */
  function anythingElse(): void {
    if (mode === 'initial') mode = 'beforeHtml';
    else if (mode === 'beforeHtml') { insert('html'); mode = 'beforeHead'; }
    else if (mode === 'beforeHead') { head = insert('head'); mode = 'inHead'; }
    else if (mode === 'inHead') { stack.pop(); mode = 'afterHead'; }
    else if (mode === 'afterHead') { insert('body'); mode = 'body'; }
  }

  function startTag(t: Tag): number {
    const name = t.name;
    for (;;) {
      switch (mode) {
        case 'initial': case 'beforeHtml':
          if (mode === 'beforeHtml' && name === 'html') { insert('html', t.attrs); mode = 'beforeHead'; return t.next; }
          anythingElse();
          continue;
        case 'beforeHead':
          if (name === 'html') return t.next;
          if (name === 'head') { head = insert('head', t.attrs); mode = 'inHead'; return t.next; }
          anythingElse();
          continue;
        case 'inHead':
          if (name === 'html' || name === 'head') return t.next;
          if (name === 'title' || name === 'noframes' || name === 'noscript') return rawText(insert(name, t.attrs), t.next);
          if (NOT_COVERED.has(name) && name !== 'a') refuse();
          anythingElse();
          continue;
        case 'afterHead':
          if (name === 'html' || name === 'head') return t.next;
          if (name === 'body') { insert('body', t.attrs); mode = 'body'; return t.next; }
          if (name === 'title' || name === 'noframes' || name === 'frameset' || NOT_COVERED.has(name) && name !== 'a') refuse();
          anythingElse();
          continue;
        case 'body':
          return startInBody(t);
        case 'cell':
          if (IGNORED_IN_BODY.has(name) && name !== 'head' && name !== 'frame') {
            if (!inTableScope('td') && !inTableScope('th')) return t.next;
            closeCell();
            continue;
          }
          return startInBody(t);
        case 'row':
          if (name === 'td' || name === 'th') {
            shortenTo(Math.max(topmost('tr'), topmost('html')) + 1);
            insert(name, t.attrs);
            mode = 'cell';
            active.push(MARKER);
            return t.next;
          }
          if (name === 'tr' || TABLE_BODIES.has(name) || name === 'caption' || name === 'col' || name === 'colgroup') {
            if (!inTableScope('tr')) return t.next;
            shortenTo(Math.max(topmost('tr'), topmost('html')) + 1);
            stack.pop();
            mode = 'tableBody';
            continue;
          }
          if (tableStart(t)) return t.next;
          continue;
        case 'tableBody':
          if (name === 'tr') {
            shortenTo(Math.max(topmost('tbody'), topmost('thead'), topmost('tfoot'), topmost('html')) + 1);
            insert('tr', t.attrs);
            mode = 'row';
            return t.next;
          }
          if (name === 'td' || name === 'th') {
            shortenTo(Math.max(topmost('tbody'), topmost('thead'), topmost('tfoot'), topmost('html')) + 1);
            insert('tr');
            mode = 'row';
            continue;
          }
          if (TABLE_BODIES.has(name) || name === 'caption' || name === 'col' || name === 'colgroup') {
            if (!(inTableScope('tbody') || inTableScope('thead') || inTableScope('tfoot'))) return t.next;
            shortenTo(Math.max(topmost('tbody'), topmost('thead'), topmost('tfoot'), topmost('html')) + 1);
            stack.pop();
            mode = 'table';
            continue;
          }
          if (tableStart(t)) return t.next;
          continue;
        case 'table':
          if (tableStart(t)) return t.next;
          continue;
      }
    }
  }

  /** A start tag in "in table": true when consumed, false when it is to be processed again in the new mode. */
  function tableStart(t: Tag): boolean {
    const name = t.name;
    if (name === 'td' || name === 'th' || name === 'tr') {
      shortenTo(Math.max(topmost('table'), topmost('html')) + 1);
      insert('tbody');
      mode = 'tableBody';
      return false;
    }
    if (TABLE_BODIES.has(name)) {
      shortenTo(Math.max(topmost('table'), topmost('html')) + 1);
      insert(name, t.attrs);
      mode = 'tableBody';
      return true;
    }
    refuse(); // caption, colgroup, col, a nested table, form, input, script …, or anything fostered
  }

  function endTag(t: Tag): number {
    const name = t.name;
    for (;;) {
      switch (mode) {
        case 'initial': case 'beforeHtml':
          if (name !== 'html' && name !== 'head' && name !== 'body' && name !== 'br') return t.next;
          anythingElse();
          continue;
        case 'beforeHead':
          if (name !== 'html' && name !== 'head' && name !== 'body' && name !== 'br') return t.next;
          anythingElse();
          continue;
        case 'inHead':
          if (name === 'head') { stack.pop(); mode = 'afterHead'; return t.next; }
          if (name === 'template') refuse();
          if (name !== 'html' && name !== 'body' && name !== 'br') return t.next;
          anythingElse();
          continue;
        case 'afterHead':
          if (name === 'template') refuse();
          if (name !== 'html' && name !== 'body' && name !== 'br') return t.next;
          anythingElse();
          continue;
        case 'body':
          endInBody(t);
          return t.next;
        case 'cell':
          if (name === 'td' || name === 'th') {
            if (inTableScope(name)) { impliedEnd(); popUntil(name); clearToMarker(); mode = 'row'; }
            return t.next;
          }
          if (name === 'table' || TABLE_BODIES.has(name) || name === 'tr') {
            if (!inTableScope(name)) return t.next;
            closeCell();
            continue;
          }
          if (name === 'body' || name === 'caption' || name === 'col' || name === 'colgroup' || name === 'html') return t.next;
          endInBody(t);
          return t.next;
        case 'row':
          if (name === 'tr' || name === 'table' || TABLE_BODIES.has(name)) {
            if (!(inTableScope('tr') || (TABLE_BODIES.has(name) && inTableScope(name)))) return t.next;
            shortenTo(Math.max(topmost('tr'), topmost('html')) + 1);
            stack.pop();
            mode = 'tableBody';
            if (name === 'tr') return t.next;
            continue;
          }
          if (name === 'body' || name === 'caption' || name === 'col' || name === 'colgroup' || name === 'html' || name === 'td' || name === 'th') return t.next;
          refuse();
          break;
        case 'tableBody':
          if (TABLE_BODIES.has(name)) {
            if (inTableScope(name)) {
              shortenTo(Math.max(topmost('tbody'), topmost('thead'), topmost('tfoot'), topmost('html')) + 1);
              stack.pop();
              mode = 'table';
            }
            return t.next;
          }
          if (name === 'table') {
            if (!(inTableScope('tbody') || inTableScope('thead') || inTableScope('tfoot'))) return t.next;
            shortenTo(Math.max(topmost('tbody'), topmost('thead'), topmost('tfoot'), topmost('html')) + 1);
            stack.pop();
            mode = 'table';
            continue;
          }
          if (name === 'body' || name === 'caption' || name === 'col' || name === 'colgroup' || name === 'html' || name === 'td' || name === 'th' || name === 'tr') return t.next;
          refuse();
          break;
        case 'table':
          if (name === 'table') {
            if (inTableScope('table')) { popUntil('table'); resetMode(); }
            return t.next;
          }
          if (name === 'body' || name === 'caption' || name === 'col' || name === 'colgroup' || name === 'html' || TABLE_BODIES.has(name) || name === 'td' || name === 'th' || name === 'tr') return t.next;
          refuse();
      }
    }
  }

  return doc;
}

const ADDRESS_DIV_P = new Set(['address', 'div', 'p']);
