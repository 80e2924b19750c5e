// A server process does not load the libraries of rare requests at start-up (decision 117: each costs every process
// resident memory whether used or not): importing the HTTP app and the CLI context — what `gongkai serve` imports
// before it listens — leaves pdfmake (with pdfkit and fontkit), exceljs, docx, jszip, nodemailer, echarts, pdfjs-dist
// and mammoth unloaded; fastify (the control) is loaded.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const LAZY = ['pdfmake', 'pdfkit', 'fontkit', 'exceljs', 'docx', 'jszip', 'nodemailer', 'echarts', 'pdfjs-dist', 'mammoth'];

function loaded(modules: string[], packages: string[]): Record<string, boolean> {
  const out = execFileSync(process.execPath, [path.join(root, 'tests/builders/loaded-libraries.mjs'), ...modules.map((m) => path.join(root, m)), '--', ...packages], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, boolean>;
}

describe('libraries loaded at start-up', () => {
  it('the server modules load fastify but none of the rare-request libraries', () => {
    const got = loaded(['src/http/app.ts', 'src/cli/context.ts'], [...LAZY, 'fastify']);
    expect(got).toEqual({ ...Object.fromEntries(LAZY.map((p) => [p, false])), fastify: true });
  }, 130_000);
});
