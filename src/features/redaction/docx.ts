// A DOCX to redact is delivered as a redacted PDF (decision 120): its revisions are accepted and its
// comments dropped at the XML level first (so a deleted name in a tracked change can never be drawn by
// the converter), then LibreOffice (soffice --headless) turns it into a PDF, which is redacted like any
// other PDF: rendered to images, boxes painted, rebuilt. The DOCX itself never leaves.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readArchive, writeArchive, type ArchiveEntry } from '../shared/archive.ts';

const CHANGE_ELEMENTS = ['rPrChange', 'pPrChange', 'sectPrChange', 'tblPrChange', 'tcPrChange', 'trPrChange', 'tblGridChange', 'numberingChange', 'cellIns', 'cellDel', 'cellMerge'];

/**
 * WordprocessingML with every tracked change accepted and comment marks removed (ECMA-376 Part 1 §17.13):
 * deleted runs (w:del) and moved-away text (w:moveFrom) go, inserted and moved-to text (w:ins, w:moveTo)
 * stay without their wrappers, formatting-change records go, comment ranges and references go.
 */
export function acceptRevisions(xml: string): string {
  let s = xml;
  s = s.replace(/<w:del(?=[\s>/])[^>]*\/>/g, '').replace(/<w:del(?=[\s>])[^>]*>[\s\S]*?<\/w:del>/g, '');
  s = s.replace(/<w:moveFrom(?=[\s>/])[^>]*\/>/g, '').replace(/<w:moveFrom(?=[\s>])[^>]*>[\s\S]*?<\/w:moveFrom>/g, '');
  s = s.replace(/<w:(ins|moveTo)(?=[\s>/])[^>]*\/>/g, '').replace(/<\/?w:(ins|moveTo)(?=[\s>])[^>]*>/g, '');
  s = s.replace(/<w:(moveFromRange(?:Start|End)|moveToRange(?:Start|End)|commentRange(?:Start|End)|commentReference)(?=[\s>/])[^>]*\/>/g, '');
  for (const el of CHANGE_ELEMENTS) {
    s = s.replace(new RegExp(`<w:${el}(?=[\\s>/])[^>]*/>`, 'g'), '').replace(new RegExp(`<w:${el}(?=[\\s>])[^>]*>[\\s\\S]*?</w:${el}>`, 'g'), '');
  }
  // deleted text that somehow stands outside a w:del (malformed input): never shown
  s = s.replace(/<w:delText(?=[\s>])[^>]*>[\s\S]*?<\/w:delText>/g, '').replace(/<w:delInstrText(?=[\s>])[^>]*>[\s\S]*?<\/w:delInstrText>/g, '');
  return s;
}

const EMPTY_COMMENTS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>';

/** The DOCX (already bounded by readArchive's limits) with revisions accepted, comments emptied, metadata blanked and change tracking off. */
export function cleanDocx(bytes: Uint8Array): Buffer {
  const entries: ArchiveEntry[] = readArchive(bytes).map((e) => {
    if (/^word\/comments[^/]*\.xml$/.test(e.name)) return { name: e.name, data: Buffer.from(EMPTY_COMMENTS, 'utf8') };
    if (/^word\/(document|header\d*|footer\d*|footnotes|endnotes|glossary\/document)\.xml$/.test(e.name)) return { name: e.name, data: Buffer.from(acceptRevisions(e.data.toString('utf8')), 'utf8') };
    if (e.name === 'word/settings.xml') return { name: e.name, data: Buffer.from(e.data.toString('utf8').replace(/<w:(trackRevisions|revisionView)(?=[\s>/])[^>]*\/>/g, ''), 'utf8') };
    return e;
  });
  return writeArchive(entries);
}

export interface ConvertLimits { millis: number; memoryMb: number }
export const CONVERT_LIMITS: ConvertLimits = { millis: 120_000, memoryMb: 4096 };

export class ConvertError extends Error {
  constructor(readonly reason: 'timeout' | 'failed' | 'missing', message: string) {
    super(message);
    this.name = 'ConvertError';
  }
}

/**
 * The cleaned DOCX converted to PDF by LibreOffice in `workDir` (its own profile directory, so conversions
 * do not share state; killed with its process group after the time limit). Returns the PDF's path.
 */
export function docxToPdf(bytes: Uint8Array, workDir: string, limits: ConvertLimits = CONVERT_LIMITS): Promise<string> {
  const inDir = join(workDir, 'docx');
  mkdirSync(inDir, { recursive: true });
  const input = join(inDir, 'document.docx');
  writeFileSync(input, cleanDocx(bytes), { mode: 0o600 });
  const profile = pathToFileURL(join(workDir, 'lo-profile')).href;
  const args = ['--headless', '--norestore', '--nolockcheck', '--nodefault', '--nofirststartwizard', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf:writer_pdf_Export', '--outdir', inDir, input];
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', 'ulimit -v "$LIMIT_KB" && exec soffice "$@"', 'soffice', ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: workDir, LIMIT_KB: String(limits.memoryMb * 1024) },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, limits.millis);
    child.stderr.on('data', (c: Buffer) => { if (err.length < 2000) err += c.toString('utf8'); });
    child.on('error', (e) => { clearTimeout(timer); reject(new ConvertError('missing', `soffice could not be started (${e.message})`)); });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) return reject(new ConvertError('timeout', `DOCX conversion took longer than ${limits.millis / 1000} s`));
      if (code === 127) return reject(new ConvertError('missing', 'soffice (LibreOffice) is not installed'));
      const pdf = readdirSync(inDir).find((f) => f.endsWith('.pdf'));
      if (code !== 0 || !pdf) return reject(new ConvertError('failed', `DOCX conversion failed (${code}) ${err.trim().slice(0, 300)}`));
      resolve(join(inDir, pdf));
    });
  });
}
