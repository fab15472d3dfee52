import PDFDocument from 'pdfkit';

/**
 * The company-branded page every billing PDF shares (estimates, invoices, and the payments
 * module's receipts): a brand-coloured band with the logo and company name, the document's title
 * and number, a "bill to" block, and the footer on every page. Callers draw their body with the
 * helpers below, so every document looks like it came from the same company.
 *
 * pdfkit's built-in Helvetica covers Latin-1 (WinAnsi): names with accents and the common currency
 * signs ($ € £ ¥) print; scripts beyond that would need an embedded font (docs/billing.md).
 */

export interface Branding {
  companyName: string;
  /** #rrggbb */
  brandColor: string;
  /** PNG or JPEG bytes, or null (no logo, or it could not be fetched). */
  logo: Buffer | null;
  phone: string | null;
  email: string | null;
  /** The company's PDF footer text (billing settings). */
  footer: string;
}

export interface BrandedPdfInput {
  branding: Branding;
  /** "Estimate", "Invoice", "Receipt". */
  heading: string;
  number: string;
  /** Label/value pairs beside the bill-to block: dates, job reference, status. */
  meta: [string, string][];
  billTo: { name: string; lines: string[] };
  /** Draws the body below the header; `layout` has the page geometry and helpers. */
  body: (doc: PDFKit.PDFDocument, layout: Layout) => void;
  /** PDF metadata title. */
  title: string;
}

export interface Layout {
  left: number;
  right: number;
  width: number;
  brandColor: string;
  /** Starts a new page when fewer than `height` points are left; returns the y to draw at. */
  ensureSpace(height: number): number;
}

export const MARGIN = 48;
const FOOTER_HEIGHT = 40;
const TEXT = '#1f2933';
const MUTED = '#5f6b7a';

/** Renders a branded PDF to bytes. */
export function renderBrandedPdf(input: BrandedPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: MARGIN, bottom: MARGIN + FOOTER_HEIGHT, left: MARGIN, right: MARGIN }, bufferPages: true, info: { Title: input.title, Author: input.branding.companyName } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = MARGIN;
  const right = doc.page.width - MARGIN;
  const layout: Layout = {
    left,
    right,
    width: right - left,
    brandColor: safeColor(input.branding.brandColor),
    ensureSpace(height: number) {
      if (doc.y + height > doc.page.height - MARGIN - FOOTER_HEIGHT) doc.addPage();
      return doc.y;
    },
  };
  drawDocumentHeader(doc, layout, input);
  input.body(doc, layout);
  drawFooters(doc, layout, input.branding);
  doc.end();
  return done;
}

/** The brand band, logo, company contact, heading, number, bill-to and meta blocks. */
export function drawDocumentHeader(doc: PDFKit.PDFDocument, layout: Layout, input: Omit<BrandedPdfInput, 'body' | 'title'>) {
  const { branding } = input;
  const bandHeight = 72;
  doc.save().rect(0, 0, doc.page.width, bandHeight).fill(layout.brandColor).restore();
  let nameX = layout.left;
  if (branding.logo) {
    try {
      doc.image(branding.logo, layout.left, 14, { fit: [120, 44], valign: 'center' });
      nameX = layout.left + 132;
    } catch {
      // An image pdfkit cannot read (SVG, WebP): the name alone still identifies the company.
    }
  }
  doc.fillColor(readableOn(layout.brandColor)).font('Helvetica-Bold').fontSize(18).text(branding.companyName, nameX, 26, { width: layout.right - nameX - 160, lineBreak: false, ellipsis: true });
  const contact = [branding.phone, branding.email].filter(Boolean).join('\n');
  if (contact) doc.font('Helvetica').fontSize(9).text(contact, layout.right - 160, 24, { width: 160, align: 'right' });

  doc.fillColor(TEXT).font('Helvetica-Bold').fontSize(22).text(input.heading, layout.left, bandHeight + 24);
  doc.font('Helvetica').fontSize(11).fillColor(MUTED).text(input.number, layout.left, doc.y + 2);

  const top = doc.y + 16;
  doc.fillColor(MUTED).font('Helvetica-Bold').fontSize(8).text('BILL TO', layout.left, top);
  doc.fillColor(TEXT).font('Helvetica-Bold').fontSize(11).text(input.billTo.name, layout.left, doc.y + 2, { width: layout.width / 2 - 12 });
  doc.font('Helvetica').fontSize(10);
  for (const line of input.billTo.lines) doc.text(line, { width: layout.width / 2 - 12 });
  const leftBottom = doc.y;

  const metaX = layout.left + layout.width / 2 + 12;
  const metaWidth = layout.right - metaX;
  let y = top;
  for (const [label, value] of input.meta) {
    doc.fillColor(MUTED).font('Helvetica').fontSize(9).text(label, metaX, y, { width: metaWidth / 2 });
    doc.fillColor(TEXT).font('Helvetica-Bold').fontSize(9).text(value, metaX + metaWidth / 2, y, { width: metaWidth / 2, align: 'right' });
    y = Math.max(doc.y, y + 14);
  }
  doc.x = layout.left;
  doc.y = Math.max(leftBottom, y) + 20;
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/** A table with a brand-coloured header row; rows break across pages, repeating the header. */
export function drawTable(doc: PDFKit.PDFDocument, layout: Layout, columns: Column[], rows: string[][]) {
  const drawHeader = () => {
    const y = layout.ensureSpace(40);
    doc.save().rect(layout.left, y, layout.width, 18).fill(layout.brandColor).restore();
    let x = layout.left;
    doc.fillColor(readableOn(layout.brandColor)).font('Helvetica-Bold').fontSize(8.5);
    for (const column of columns) {
      doc.text(column.header, x + 4, y + 5, { width: column.width - 8, align: column.align ?? 'left', lineBreak: false });
      x += column.width;
    }
    doc.y = y + 22;
  };
  drawHeader();
  doc.font('Helvetica').fontSize(9.5).fillColor(TEXT);
  rows.forEach((row, index) => {
    const height = Math.max(...row.map((cell, i) => doc.heightOfString(cell, { width: columns[i]!.width - 8 }))) + 8;
    if (doc.y + height > doc.page.height - MARGIN - FOOTER_HEIGHT) {
      doc.addPage();
      drawHeader();
      doc.font('Helvetica').fontSize(9.5).fillColor(TEXT);
    }
    const y = doc.y;
    if (index % 2 === 1) doc.save().rect(layout.left, y - 2, layout.width, height).fill('#f4f6f8').restore();
    let x = layout.left;
    doc.fillColor(TEXT);
    row.forEach((cell, i) => {
      doc.text(cell, x + 4, y + 2, { width: columns[i]!.width - 8, align: columns[i]!.align ?? 'left' });
      x += columns[i]!.width;
    });
    doc.y = y + height;
  });
  doc.x = layout.left;
  doc.moveDown(0.5);
}

/** Label/amount rows aligned right; the last one (the total) in bold with a rule above. */
export function drawTotals(doc: PDFKit.PDFDocument, layout: Layout, rows: { label: string; value: string; strong?: boolean }[]) {
  const width = 240;
  const x = layout.right - width;
  layout.ensureSpace(rows.length * 16 + 12);
  for (const row of rows) {
    const y = doc.y;
    if (row.strong) {
      doc.save().moveTo(x, y).lineTo(layout.right, y).lineWidth(1).strokeColor(layout.brandColor).stroke().restore();
      doc.y = y + 5;
    }
    const rowY = doc.y;
    doc.fillColor(row.strong ? TEXT : MUTED).font(row.strong ? 'Helvetica-Bold' : 'Helvetica').fontSize(row.strong ? 11 : 9.5);
    doc.text(row.label, x, rowY, { width: width / 2 });
    doc.fillColor(TEXT).text(row.value, x + width / 2, rowY, { width: width / 2, align: 'right' });
    doc.y = Math.max(doc.y, rowY + 14);
  }
  doc.x = layout.left;
  doc.moveDown(0.5);
}

/** A titled paragraph (notes, terms). */
export function drawSection(doc: PDFKit.PDFDocument, layout: Layout, title: string, text: string) {
  if (!text.trim()) return;
  layout.ensureSpace(40);
  doc.moveDown(0.5);
  doc.fillColor(MUTED).font('Helvetica-Bold').fontSize(8).text(title.toUpperCase(), layout.left, doc.y, { width: layout.width });
  doc.fillColor(TEXT).font('Helvetica').fontSize(9.5).text(text, { width: layout.width });
  doc.moveDown(0.5);
}

/** A heading in the brand colour (an option's title). */
export function drawSubheading(doc: PDFKit.PDFDocument, layout: Layout, text: string) {
  layout.ensureSpace(60);
  doc.moveDown(0.3);
  doc.fillColor(layout.brandColor).font('Helvetica-Bold').fontSize(13).text(text, layout.left, doc.y, { width: layout.width });
  doc.fillColor(TEXT).moveDown(0.3);
}

function drawFooters(doc: PDFKit.PDFDocument, layout: Layout, branding: Branding) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN - FOOTER_HEIGHT + 12;
    // Drawing inside the bottom margin must not trigger pdfkit's automatic page break.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.save().moveTo(layout.left, y).lineTo(layout.right, y).lineWidth(0.5).strokeColor('#d0d5dc').stroke().restore();
    const footer = [branding.footer.trim(), `${branding.companyName}`].filter(Boolean).join(' · ');
    doc.fillColor(MUTED).font('Helvetica').fontSize(8).text(footer, layout.left, y + 6, { width: layout.width - 60, height: 28, ellipsis: true });
    doc.text(`${i - range.start + 1} / ${range.count}`, layout.right - 60, y + 6, { width: 60, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

function safeColor(color: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#1f6feb';
}

/** White or near-black text, whichever reads better on the brand colour. */
export function readableOn(color: string): string {
  const hex = safeColor(color).slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.45 ? '#111111' : '#ffffff';
}

/**
 * The company's logo for the PDF: a data: URL, or an http(s) URL fetched with a short timeout.
 * Anything else, a failure or a slow server gives null and the PDF goes out without a logo.
 */
export async function loadLogo(url: string | null, options: { timeoutMs?: number; fetchRemote?: boolean } = {}): Promise<Buffer | null> {
  if (!url) return null;
  try {
    if (url.startsWith('data:')) {
      const match = /^data:image\/(png|jpeg|jpg);base64,(.+)$/i.exec(url);
      return match ? Buffer.from(match[2]!, 'base64') : null;
    }
    if (!/^https?:\/\//i.test(url) || options.fetchRemote === false) return null;
    const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 2000) });
    if (!response.ok) return null;
    const type = response.headers.get('content-type') ?? '';
    if (!/image\/(png|jpe?g)/i.test(type)) return null;
    const bytes = Buffer.from(await response.arrayBuffer());
    return bytes.length > 2_000_000 ? null : bytes;
  } catch {
    return null;
  }
}
