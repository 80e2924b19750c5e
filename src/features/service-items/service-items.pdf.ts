// The 办事指南 as a PDF (A4, the embedded Noto Sans SC of every product PDF — shared/pdf.ts): header with the unit and
// codes, the elements as a two-column table, the 材料目录 as a table (repeated header on each page), 常见问题, and a
// footer with the page number and the date the guide was printed.
import type pdfmake from 'pdfmake';
import type { Content } from 'pdfmake';
import { MM, PDF_FONT, pdfmakeReady } from '../shared/pdf.ts';
import type { Faq, Material } from '../../core/service-items/index.ts';
import type { ItemDetail } from './service-items.service.ts';
import { guideRows } from './service-items.guide.tsx';

type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0];

export function guidePdfDefinition(it: ItemDetail, printedOn: string): TDocumentDefinitions {
  const materials = (Array.isArray(it.values.materials) ? it.values.materials : []) as Material[];
  const faq = (Array.isArray(it.values.faq) ? it.values.faq : []) as Faq[];
  const th = (text: string) => ({ text, bold: true, fillColor: '#eeeeee' });
  const content: Content[] = [
    { text: it.name, fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
    { text: '办 事 指 南', fontSize: 12, alignment: 'center', margin: [0, 0, 0, 10] },
    { text: `实施单位：${it.agency}（${it.levelLabel}）    实施编码：${it.code}    基本编码：${it.basicCode}${it.status === 'suspended' ? '    本事项暂停办理' : ''}`, fontSize: 9, margin: [0, 0, 0, 8] },
    { text: '一、基本信息', fontSize: 13, bold: true, margin: [0, 6, 0, 4] },
    {
      table: { widths: [32 * MM, '*'], body: guideRows(it.schema, it).map((r) => [{ text: r.label, bold: true }, { text: r.value }]) },
      layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingTop: () => 3, paddingBottom: () => 3 },
    },
    { text: '二、申请材料', fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
  ];
  if (materials.length === 0) content.push({ text: '本事项未列申请材料，请咨询办理窗口。' });
  else content.push({
    table: {
      headerRows: 1, dontBreakRows: true,
      widths: [8 * MM, '*', 14 * MM, 14 * MM, 20 * MM, 10 * MM, 30 * MM],
      body: [
        [th('序号'), th('材料名称'), th('必要性'), th('形式'), th('来源'), th('份数'), th('空白表格 / 示例样表')],
        ...materials.map((m, n) => [String(n + 1), { text: m.basis ? `${m.name}\n（依据：${m.basis}）` : m.name }, m.necessity, m.form, m.source, String(m.copies), [m.blankForm ? `空白表格：${m.blankForm}` : '', m.sample ? `示例样表：${m.sample}` : ''].filter(Boolean).join('\n') || '—']),
      ],
    },
    fontSize: 9,
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingTop: () => 2, paddingBottom: () => 2 },
  });
  if (faq.length) {
    content.push({ text: '三、常见问题', fontSize: 13, bold: true, margin: [0, 10, 0, 4] });
    for (const f of faq) content.push({ text: `问：${f.q}`, bold: true, margin: [0, 3, 0, 1] }, { text: `答：${f.a}`, margin: [0, 0, 0, 3] });
  }
  return {
    pageSize: 'A4',
    pageMargins: [20 * MM, 18 * MM, 20 * MM, 18 * MM],
    info: { title: `${it.name} 办事指南`, author: it.agency, subject: '政务服务事项办事指南' },
    defaultStyle: { font: PDF_FONT, fontSize: 10.5, lineHeight: 1.25 },
    content,
    footer: (page: number, pages: number) => ({ text: `${it.agency} · ${it.name} · 第 ${page} 页 共 ${pages} 页 · 打印日期 ${printedOn}`, fontSize: 8, alignment: 'center', margin: [0, 6 * MM, 0, 0] }),
  };
}

export async function guidePdf(it: ItemDetail, printedOn: string): Promise<Buffer> {
  const buf = await pdfmakeReady().createPdf(guidePdfDefinition(it, printedOn)).getBuffer();
  return Buffer.from(buf);
}
