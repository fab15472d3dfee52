import { formatMoney } from '../../../shared/money.js';
import { drawSection, drawTable, drawTotals, loadLogo, renderBrandedPdf } from '../billing/pdf/branded-layout.js';
import type { PaymentDto } from './payments.service.js';

const METHOD_LABELS: Record<PaymentDto['method'], string> = {
  card: 'Card',
  cash: 'Cash',
  check: 'Check',
  bank_transfer: 'Bank transfer',
  card_external: 'Card (in person)',
  other: 'Other',
};

export interface ReceiptInput {
  payment: PaymentDto;
  document: { number: string; total_minor: number; amount_paid_minor: number; currency: string; title: string };
  company: { name: string; brand_color: string; logo_url: string | null; phone: string | null; email: string | null; timezone: string };
  footer: string;
  billTo: { name: string; lines: string[] };
}

/** The receipt of one payment, on the company's branded page (billing/pdf/branded-layout.ts). */
export async function renderReceiptPdf(input: ReceiptInput): Promise<Buffer> {
  const { payment, document, company } = input;
  const money = (minor: number) => formatMoney(minor, payment.currency, 'en');
  const date = (iso: string | null) => (iso ? new Intl.DateTimeFormat('en', { timeZone: company.timezone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '');
  const how = payment.cardBrand && payment.cardLast4 ? `${METHOD_LABELS[payment.method]} (${payment.cardBrand} ending ${payment.cardLast4})` : METHOD_LABELS[payment.method];
  const refunded = payment.refunds.filter((r) => r.status === 'succeeded');
  return renderBrandedPdf({
    branding: { companyName: company.name, brandColor: company.brand_color, logo: await loadLogo(company.logo_url), phone: company.phone, email: company.email, footer: input.footer },
    heading: 'Receipt',
    number: payment.receiptNumber ?? '',
    title: `Receipt ${payment.receiptNumber ?? ''} — ${company.name}`,
    meta: [
      ['Paid on', date(payment.succeededAt)],
      ['Invoice', document.number],
      ['Job', payment.jobReference],
      ['Payment method', how],
      ...(payment.reference ? ([['Reference', payment.reference]] as [string, string][]) : []),
    ],
    billTo: input.billTo,
    body: (doc, layout) => {
      drawTable(
        doc,
        layout,
        [
          { header: 'Description', width: layout.width - 140 },
          { header: 'Amount', width: 140, align: 'right' },
        ],
        [[`Payment towards invoice ${document.number}${document.title ? ` (${document.title})` : ''}`, money(payment.amountMinor)], ...refunded.map((r) => [`Refund on ${date(r.createdAt)}${r.reason ? `: ${r.reason}` : ''}`, `-${money(r.amountMinor)}`])],
      );
      const balance = document.total_minor - document.amount_paid_minor;
      drawTotals(doc, layout, [
        { label: 'Invoice total', value: money(document.total_minor) },
        { label: 'Paid to date', value: money(document.amount_paid_minor) },
        { label: 'Amount received', value: money(payment.amountMinor - payment.amountRefundedMinor) },
        { label: 'Balance due', value: money(Math.max(balance, 0)), strong: true },
      ]);
      drawSection(doc, layout, 'Thank you', `We received your payment of ${money(payment.amountMinor)}. Keep this receipt for your records.`);
    },
  });
}
