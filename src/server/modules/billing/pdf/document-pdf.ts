import { formatMoney, formatRate } from '../../../../shared/money.js';
import type { DocumentView } from '../billing.service.js';
import { drawSection, drawSubheading, drawTable, drawTotals, renderBrandedPdf, type Branding, type Layout } from './branded-layout.js';

export interface DocumentPdfInput {
  document: DocumentView;
  branding: Branding;
  company: { locale: string; timezone: string };
  customer: { name: string; address: string[] };
  job: { reference: string; category: string };
}

const STATUS_LABEL: Record<string, string> = {
  draft: 'Draft',
  sent: 'Awaiting approval',
  approved: 'Approved',
  declined: 'Declined',
  void: 'Void',
  open: 'Open',
  paid: 'Paid',
};

const KIND_LABEL: Record<string, string> = { service: 'Service', part: 'Part', labour: 'Labour', fee: 'Fee' };

/** An estimate or invoice as a branded PDF: lines per option, totals, tax breakdown, notes, terms. */
export function renderDocumentPdf(input: DocumentPdfInput): Promise<Buffer> {
  const { document, company } = input;
  const money = (minor: number) => formatMoney(minor, document.currency, company.locale);
  const date = (iso: string | null) => (iso ? new Intl.DateTimeFormat(company.locale, { timeZone: company.timezone, dateStyle: 'medium' }).format(new Date(iso)) : '—');
  const isEstimate = document.kind === 'estimate';
  const meta: [string, string][] = [
    [isEstimate ? 'Estimate date' : 'Invoice date', date(document.issuedAt ?? document.createdAt)],
    ...(document.kind === 'invoice' ? ([['Due date', date(document.dueAt)]] as [string, string][]) : []),
    ['Job', `${input.job.reference} · ${input.job.category}`],
    ['Status', STATUS_LABEL[document.status] ?? document.status],
  ];
  // Once approved, the estimate shows the option the customer chose, and nothing else.
  const options = document.chosenOptionId ? document.options.filter((o) => o.id === document.chosenOptionId) : document.options;
  const several = options.length > 1;

  return renderBrandedPdf({
    branding: input.branding,
    heading: isEstimate ? 'Estimate' : 'Invoice',
    number: document.title ? `${document.number} — ${document.title}` : document.number,
    title: `${isEstimate ? 'Estimate' : 'Invoice'} ${document.number}`,
    meta,
    billTo: { name: input.customer.name, lines: input.customer.address },
    body(doc, layout) {
      if (several) {
        doc.fillColor('#5f6b7a').font('Helvetica').fontSize(9.5).text('This estimate offers several options; choose one when you approve it.', layout.left, doc.y, { width: layout.width });
        doc.moveDown(0.5);
      }
      for (const [index, option] of options.entries()) {
        if (several || option.title) drawSubheading(doc, layout, several ? `Option ${index + 1}: ${option.title}` : option.title);
        if (option.description) drawSection(doc, layout, '', option.description);
        drawLines(doc, layout, option.lines, money);
        drawTotals(doc, layout, [
          { label: 'Subtotal', value: money(option.subtotalMinor) },
          ...(option.discountMinor > 0 ? [{ label: 'Discounts', value: `-${money(option.discountMinor)}` }] : []),
          ...option.taxes
            .filter((tax) => tax.rateBp > 0)
            .map((tax) => ({ label: `Tax ${formatRate(tax.rateBp, company.locale)} on ${money(tax.baseMinor)}`, value: money(tax.taxMinor) })),
          { label: several ? `Total, option ${index + 1}` : 'Total', value: money(option.totalMinor), strong: true },
        ]);
      }
      if (document.kind === 'invoice' && document.amountPaidMinor > 0) {
        drawTotals(doc, layout, [
          { label: 'Paid', value: `-${money(document.amountPaidMinor)}` },
          { label: 'Balance due', value: money(document.balanceMinor), strong: true },
        ]);
      }
      if (document.approval) {
        drawSection(doc, layout, 'Approval', `Approved by ${document.approval.signerName} on ${new Intl.DateTimeFormat(company.locale, { timeZone: company.timezone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(document.approval.approvedAt))}.`);
      }
      drawSection(doc, layout, 'Notes', document.notes);
      drawSection(doc, layout, 'Terms', document.terms);
    },
  });
}

function drawLines(doc: PDFKit.PDFDocument, layout: Layout, lines: DocumentView['options'][number]['lines'], money: (minor: number) => string) {
  const w = layout.width;
  const columns = [
    { header: 'Description', width: w * 0.42 },
    { header: 'Qty', width: w * 0.09, align: 'right' as const },
    { header: 'Unit price', width: w * 0.15, align: 'right' as const },
    { header: 'Discount', width: w * 0.12, align: 'right' as const },
    { header: 'Tax', width: w * 0.08, align: 'right' as const },
    { header: 'Amount', width: w * 0.14, align: 'right' as const },
  ];
  if (lines.length === 0) {
    doc.fillColor('#5f6b7a').font('Helvetica').fontSize(9.5).text('No lines yet.', layout.left, doc.y);
    doc.moveDown(0.5);
    return;
  }
  drawTable(
    doc,
    layout,
    columns,
    lines.map((line) => [
      // The kind under the description, unless it would only repeat it ("Labour").
      line.description.trim().toLowerCase() === (KIND_LABEL[line.kind] ?? line.kind).toLowerCase() ? line.description : `${line.description}\n${KIND_LABEL[line.kind] ?? line.kind}`,
      String(line.quantity),
      money(line.unitPriceMinor),
      line.discountMinor > 0 ? `-${money(line.discountMinor)}` : '',
      line.taxRateBp > 0 ? formatRate(line.taxRateBp) : '0%',
      money(line.netMinor),
    ]),
  );
}
