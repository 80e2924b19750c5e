// Libraries that serve rare requests, required on their first use instead of at start-up: each costs every server
// process resident memory whether or not it is ever used (decision 117: exceljs ~28 MB, nodemailer ~16 MB measured
// alone). A synchronous require keeps the callers as they are; the module cache makes later calls free.
// pdfmake is loaded the same way in shared/pdf.ts, echarts in shared/echarts.ts; the DOCX renderers (docx) are
// imported dynamically by their callers (letters.render.ts, reports/render/index.ts).
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type Nodemailer from 'nodemailer';

const load = createRequire(import.meta.url);
let excel: typeof ExcelJS | null = null;
let mailer: typeof Nodemailer | null = null;

/** exceljs (XLSX import and export). */
export function excelJs(): typeof ExcelJS {
  excel ??= load('exceljs') as typeof ExcelJS;
  return excel;
}

/** nodemailer (SMTP; only when SMTP_URL is set). */
export function nodemailer(): typeof Nodemailer {
  mailer ??= load('nodemailer') as typeof Nodemailer;
  return mailer;
}
