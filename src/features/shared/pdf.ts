// pdfmake on the server, set up once per process for every PDF the product makes (report renderings,
// letters): the CJK font Noto Sans SC 400/700 (@expo-google-fonts/noto-sans-sc, OFL-1.1) embedded, so no
// text prints as tofu and the text layer extracts exactly; the font files are read once and handed to
// pdfmake through its virtual file system; pdfmake may open no URL and no other local file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';

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
export function pdfmakeReady(): typeof pdfmake {
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
