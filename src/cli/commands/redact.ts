// gongkai redact IN --out OUT.pdf [--pattern id-number|phone|bank-card|email]… [--term TEXT]…
//   [--box PAGE,X,Y,W,H]… [--reason R] [--dpi N] [--json]
// Redacts a PDF, DOCX or JPG/PNG scan without the database (batch use, tests): the same engine as the
// case page (decision 120). Boxes are in points from the top-left corner of the page as displayed.
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { boxProblem, isRedactionReason, isSuggestionPattern, REDACTION_REASONS, SUGGESTION_PATTERNS, type RedactionReason, type SuggestionKind } from '../../core/redaction/index.ts';
import { ENGINE_LIMITS, findSuggestions, prepareDocument, RedactionError, withWorkDir, writeRedactedPdf, type PageBox } from '../../features/redaction/engine.ts';

const collect = (v: string, all: string[]) => [...all, v];

export interface RedactCliOptions {
  out: string;
  pattern: string[];
  term: string[];
  box: string[];
  reason: string;
  dpi?: string;
  json?: boolean;
  today?: string;
}

export interface CliRedaction { page: number; kind: SuggestionKind | 'box'; reason: RedactionReason; boxes: { x: number; y: number; w: number; h: number }[] }

/** Parses "PAGE,X,Y,W,H" (numbers; PAGE a positive integer). */
export function parseBox(s: string): PageBox | null {
  const parts = s.split(',').map((p) => p.trim());
  if (parts.length !== 5 || parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p))) return null;
  const [page, x, y, w, h] = parts.map(Number) as [number, number, number, number, number];
  if (!Number.isInteger(page) || page < 1) return null;
  return { page, x, y, w, h };
}

/** Runs one redaction; returns the report, or throws RedactionError / an Error with a message for the user. */
export async function runRedact(input: string, opts: RedactCliOptions): Promise<{ pages: number; redactions: CliRedaction[]; bytes: number }> {
  const patterns = opts.pattern.map((p) => {
    if (!isSuggestionPattern(p)) throw new Error(`未知的 --pattern “${p}”，可用：${SUGGESTION_PATTERNS.join('、')} / unknown pattern`);
    return p;
  });
  if (!isRedactionReason(opts.reason) || opts.reason === 'other') throw new Error(`未知的 --reason “${opts.reason}”，可用：${REDACTION_REASONS.filter((r) => r !== 'other').join('、')} / unknown reason`);
  const reason = opts.reason;
  const boxes = opts.box.map((b) => {
    const box = parseBox(b);
    if (!box) throw new Error(`--box “${b}” 应为 页码,X,Y,宽,高（单位：点，自页面左上角） / expected PAGE,X,Y,W,H`);
    return box;
  });
  const dpi = opts.dpi === undefined ? ENGINE_LIMITS.raster.dpi : Number(opts.dpi);
  if (!Number.isInteger(dpi) || dpi < 50 || dpi > 600) throw new Error('--dpi 应为 50 至 600 之间的整数 / --dpi must be 50–600');
  if (realpathSync(input) === (() => { try { return realpathSync(opts.out); } catch { return null; } })()) throw new Error('输出文件不能覆盖输入文件 / the output must not overwrite the input');
  const bytes = await readFile(input);
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const limits = { ...ENGINE_LIMITS, raster: { ...ENGINE_LIMITS.raster, dpi } };
  return withWorkDir(async (dir) => {
    const doc = await prepareDocument(bytes, dir, limits);
    for (const b of boxes) {
      const page = doc.pages[b.page - 1];
      if (!page) throw new Error(`--box 的第 ${b.page} 页不存在（文件共 ${doc.pages.length} 页） / no such page`);
      const p = boxProblem(b, page.w, page.h);
      if (p) throw new Error(`--box 第 ${b.page} 页：${p}`);
    }
    const found = findSuggestions(doc, { patterns, terms: opts.term, today });
    const redactions: CliRedaction[] = [
      ...found.map((s) => ({ page: s.page, kind: s.kind, reason, boxes: s.boxes })),
      ...boxes.map(({ page, ...box }) => ({ page, kind: 'box' as const, reason, boxes: [box] })),
    ].sort((a, b) => a.page - b.page);
    const all: PageBox[] = redactions.flatMap((r) => r.boxes.map((b) => ({ page: r.page, ...b })));
    const result = await writeRedactedPdf(doc, all, opts.out, limits);
    return { pages: result.pages, redactions, bytes: result.bytes };
  });
}

const KIND_LABEL: Record<SuggestionKind | 'box', string> = { 'id-number': '身份证号', phone: '电话号码', 'bank-card': '银行卡号', email: '电子邮箱', term: '指定词语', box: '划定区域' };

export function register(program: Command): void {
  program.command('redact')
    .description('区分处理：遮盖 PDF / DOCX / JPG / PNG 中不予公开的内容，输出由页面图像重建的新 PDF / redact a file into a new PDF rebuilt from page images')
    .argument('<in>', '输入文件 / input file (PDF, DOCX, JPG, PNG)')
    .requiredOption('--out <file>', '输出的 PDF / output PDF')
    .option('--pattern <name>', `自动查找并遮盖（可重复）：${SUGGESTION_PATTERNS.join('|')} / find and redact (repeatable)`, collect, [])
    .option('--term <text>', '遮盖此词语的每一处（可重复） / redact every occurrence of a term (repeatable)', collect, [])
    .option('--box <page,x,y,w,h>', '遮盖区域，单位为点，自页面左上角（可重复） / a box in points from the top-left corner (repeatable)', collect, [])
    .option('--reason <reason>', `不予公开的理由：${REDACTION_REASONS.filter((r) => r !== 'other').join('|')}`, 'art15-privacy')
    .option('--dpi <n>', '页面图像分辨率 / page image resolution', String(ENGINE_LIMITS.raster.dpi))
    .option('--today <date>', '判断身份证号出生日期用的今天（YYYY-MM-DD） / today, for ID birth dates')
    .option('--json', '输出 JSON：{"pages","redactions":[{"page","kind","reason","boxes"}]} / JSON output')
    .action(async (input: string, opts: RedactCliOptions) => {
      try {
        const r = await runRedact(input, opts);
        if (opts.json) console.log(JSON.stringify({ pages: r.pages, redactions: r.redactions }));
        else {
          for (const x of r.redactions) {
            const where = x.boxes.map((b) => `(${b.x.toFixed(1)}, ${b.y.toFixed(1)}, ${b.w.toFixed(1)} × ${b.h.toFixed(1)})`).join(' ');
            console.log(`第 ${x.page} 页  ${KIND_LABEL[x.kind]}  ${where}  ${x.reason}`);
          }
          console.log(`已写出 ${opts.out}：共 ${r.pages} 页，遮盖 ${r.redactions.length} 处 / wrote ${r.pages} pages, ${r.redactions.length} redactions`);
        }
      } catch (e) {
        const msg = e instanceof RedactionError || e instanceof Error ? e.message : String(e);
        console.error(`遮盖失败 / redaction failed: ${msg}`);
        process.exitCode = 1;
      }
    });
}
