// pdfmake on the server, set up once per process for every PDF the product makes (report renderings,
// letters): the CJK font Noto Sans SC 400/700 (@expo-google-fonts/noto-sans-sc, OFL-1.1) embedded, so no
// text prints as tofu and the text layer extracts exactly; official letters use the serif Noto Serif SC 400/700
// (@expo-google-fonts/noto-serif-sc, OFL-1.1), loaded on the first letter (decision 076); pdfkit embeds only the
// glyphs a document uses, so a letter stays in the tens of kilobytes; the font files are read once and handed to
// pdfmake through its virtual file system; pdfmake may open no URL and no other local file. pdfmake (with pdfkit and
// fontkit) is required on the first PDF, not at start-up: importing it costs every server process ~25 MB of resident
// memory (decision 117), and PDFs are rare requests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type Pdfmake from 'pdfmake';

type PdfmakeLib = typeof Pdfmake;
let lib: PdfmakeLib | null = null;
const pdfmakeLib = (): PdfmakeLib => (lib ??= createRequire(import.meta.url)('pdfmake') as PdfmakeLib);

/** The font family name to use in document definitions. */
export const PDF_FONT = 'NotoSansSC';
/** Points per millimetre. */
export const MM = 72 / 25.4;

const FONT_FILES = {
  normal: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
const VFS_NAMES = { normal: 'gongkai/NotoSansSC-Regular.ttf', bold: 'gongkai/NotoSansSC-Bold.ttf' } as const;

interface VirtualFs { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean }

let ready = false;
/** Loads the font buffers once into pdfmake's virtual file system and locks down file/URL access; returns pdfmake. */
export function pdfmakeReady(): PdfmakeLib {
  const pdfmake = pdfmakeLib();
  if (ready) return pdfmake;
  const require = createRequire(import.meta.url);
  const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  for (const style of ['normal', 'bold'] as const) {
    if (!vfs.existsSync(VFS_NAMES[style])) vfs.writeFileSync(VFS_NAMES[style], readFileSync(require.resolve(FONT_FILES[style])));
  }
  pdfmake.addFonts({ [PDF_FONT]: { normal: VFS_NAMES.normal, bold: VFS_NAMES.bold, italics: VFS_NAMES.normal, bolditalics: VFS_NAMES.bold } });
  // Content never references images or fonts by URL or path: deny both.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
  return pdfmake;
}

/** The serif family for official letters (仿宋-like body in 400, 小标宋-like titles in 700). */
export const PDF_SERIF_FONT = 'NotoSerifSC';
const SERIF_FILES = {
  normal: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;
const SERIF_VFS = { normal: 'gongkai/NotoSerifSC-Regular.ttf', bold: 'gongkai/NotoSerifSC-Bold.ttf' } as const;

let serifReady = false;
/** pdfmakeReady() plus the serif family, read once on first use (the files are 15 MB each; reports never need them). */
export function pdfmakeSerifReady(): PdfmakeLib {
  const pdfmake = pdfmakeReady();
  if (serifReady) return pdfmake;
  const require = createRequire(import.meta.url);
  const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  for (const style of ['normal', 'bold'] as const) {
    if (!vfs.existsSync(SERIF_VFS[style])) vfs.writeFileSync(SERIF_VFS[style], readFileSync(require.resolve(SERIF_FILES[style])));
  }
  pdfmake.addFonts({ [PDF_SERIF_FONT]: { normal: SERIF_VFS.normal, bold: SERIF_VFS.bold, italics: SERIF_VFS.normal, bolditalics: SERIF_VFS.bold } });
  serifReady = true;
  return pdfmake;
}
