import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderDocumentPdf, type DocumentPdfInput } from '../../src/server/modules/billing/pdf/document-pdf.js';
import { loadLogo, readableOn } from '../../src/server/modules/billing/pdf/branded-layout.js';
import { computeTotals } from '../../src/shared/money.js';
import { TINY_PNG } from '../helpers/http.js';

/** Every page's text, pages joined by form feeds. */
async function textOf(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= document.numPages; i++) {
    const content = await (await document.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return { text: pages.join('\f').replace(/\s+/g, ' '), pages: document.numPages };
}

type Line = DocumentPdfInput['document']['options'][number]['lines'][number];
const mkLine = (description: string, quantity: number, unitPriceMinor: number, taxRateBp: number, kind: Line['kind'] = 'part'): Line => {
  const amount = Math.round(quantity * unitPriceMinor);
  return { id: description, kind, description, quantity, unitPriceMinor, discount: null, taxRateBp, amountMinor: amount, discountMinor: 0, netMinor: amount };
};

function option(id: string, title: string, lines: Line[]) {
  const totals = computeTotals(lines.map((l) => ({ quantityMilli: l.quantity * 1000, unitPriceMinor: l.unitPriceMinor, taxRateBp: l.taxRateBp })));
  return { id, title, description: '', discount: null, subtotalMinor: totals.subtotalMinor, discountMinor: totals.discountMinor, taxMinor: totals.taxMinor, totalMinor: totals.totalMinor, taxes: totals.taxes, lines };
}

function input(overrides: Partial<DocumentPdfInput['document']> = {}, options = [option('o1', '', [mkLine('Diagnosis and labour', 1.5, 8500, 0, 'labour'), mkLine('Drain pump', 1, 4999, 825), mkLine('Call-out fee', 1, 3500, 825, 'fee')])]): DocumentPdfInput {
  const first = options[0]!;
  return {
    document: {
      id: 'd1',
      kind: 'invoice',
      number: 'INV-00042',
      jobId: 'j1',
      jobReference: 'ACM-26-00007',
      customer: { id: 'c1', name: 'García household' },
      currency: 'USD',
      status: 'open',
      shared: true,
      sharedAt: '2026-01-13T09:00:00.000Z',
      title: 'Dishwasher repair',
      notes: 'Thank you for your business.',
      terms: 'Payment due within 14 days.',
      subtotalMinor: first.subtotalMinor,
      discountMinor: first.discountMinor,
      taxMinor: first.taxMinor,
      totalMinor: first.totalMinor,
      amountPaidMinor: 0,
      balanceMinor: first.totalMinor,
      paidAt: null,
      dueAt: '2026-01-27T09:00:00.000Z',
      issuedAt: '2026-01-13T09:00:00.000Z',
      chosenOptionId: null,
      approval: null,
      declined: null,
      voidedAt: null,
      sourceEstimateId: null,
      convertedInvoiceId: null,
      resultingJobId: null,
      options,
      createdAt: '2026-01-13T09:00:00.000Z',
      updatedAt: '2026-01-13T09:00:00.000Z',
      ...overrides,
    },
    branding: { companyName: 'Acme Heating', brandColor: '#0b7285', logo: null, phone: '+1 555 0100', email: 'office@acme.test', footer: 'Acme Heating LLC · Licence 12345' },
    company: { locale: 'en-US', timezone: 'America/Chicago' },
    customer: { name: 'García household', address: ['12 Elm Street, Springfield 62701'] },
    job: { reference: 'ACM-26-00007', category: 'Appliance repair' },
  };
}

describe('estimate and invoice PDFs', () => {
  it('an invoice shows its number, the customer, every line, the tax breakdown and the right totals', async () => {
    const pdf = await renderDocumentPdf(input());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await textOf(pdf);
    for (const expected of ['Invoice', 'INV-00042', 'Dishwasher repair', 'García household', '12 Elm Street', 'Acme Heating', '+1 555 0100', 'ACM-26-00007', 'Diagnosis and labour', 'Drain pump', 'Call-out fee', 'Jan 27, 2026', 'Licence 12345', 'Payment due within 14 days.']) {
      expect(text, expected).toContain(expected);
    }
    // 127.50 + 49.99 + 35.00 = 212.49; 8.25 % of 84.99 = 7.01 (7.011675); total 219.50
    expect(text).toContain('Subtotal $212.49');
    expect(text).toMatch(/Tax 8\.25% on \$84\.99 \$7\.01/);
    expect(text).toContain('Total $219.50');
    expect(text).toContain('$127.50');
  });

  it('an estimate with options shows each option with its own total; once approved, only the chosen one and the signer', async () => {
    const options = [option('repair', 'Repair', [mkLine('Drain pump', 1, 4999, 825)]), option('replace', 'Replace', [mkLine('New dishwasher, installed', 1, 64900, 825)])];
    const open = await textOf(await renderDocumentPdf(input({ kind: 'estimate', number: 'EST-00009', status: 'sent', dueAt: null }, options)));
    expect(open.text).toContain('Estimate');
    expect(open.text).toContain('EST-00009');
    expect(open.text).toContain('Option 1: Repair');
    expect(open.text).toContain('Option 2: Replace');
    expect(open.text).toContain('Total, option 1 $54.11'); // 49.99 + 4.12
    expect(open.text).toContain('Total, option 2 $702.54'); // 649.00 + 53.54 (53.5425)
    expect(open.text).not.toContain('Due date');

    const approved = await textOf(
      await renderDocumentPdf(input({ kind: 'estimate', number: 'EST-00009', status: 'approved', chosenOptionId: 'replace', approval: { signerName: 'Ana García', approvedAt: '2026-01-13T15:30:00.000Z' } }, options)),
    );
    expect(approved.text).toContain('New dishwasher, installed');
    expect(approved.text).not.toContain('Drain pump');
    expect(approved.text).toContain('Approved by Ana García');
  });

  it('a long invoice breaks across pages with the footer on each', async () => {
    const lines = Array.from({ length: 80 }, (_, i) => mkLine(`Filter cartridge ${i + 1}`, 1, 1250, 2000));
    const { text, pages } = await textOf(await renderDocumentPdf(input({}, [option('o1', '', lines)])));
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain('Filter cartridge 80');
    expect(text.split('\f').every((page) => page.includes('Licence 12345'))).toBe(true);
    expect(text).toContain(`1 / ${pages}`);
    expect(text).toContain('Total $1,200.00'); // 80 × 12.50 = 1,000.00 + 20 %
  });

  it('JPY prints without decimals; a logo that loads is drawn, one that cannot be fetched is skipped', async () => {
    const yen = input({ currency: 'JPY' }, [option('o1', '', [mkLine('Inspection', 1, 5000, 1000)])]);
    yen.branding.logo = TINY_PNG;
    yen.company.locale = 'en-US';
    const { text } = await textOf(await renderDocumentPdf(yen));
    expect(text).toContain('Total ¥5,500');
    // Offline: a data: URL loads; http to a closed local port, or something that is not an image, gives null.
    expect(await loadLogo(`data:image/png;base64,${TINY_PNG.toString('base64')}`)).toEqual(TINY_PNG);
    expect(await loadLogo('http://127.0.0.1:9/logo.png', { timeoutMs: 500 })).toBeNull();
    expect(await loadLogo('ftp://example.test/logo.png')).toBeNull();
    expect(await loadLogo(null)).toBeNull();
  });

  it('keeps the header text readable on light and dark brand colours', () => {
    expect(readableOn('#ffd43b')).toBe('#111111');
    expect(readableOn('#0b7285')).toBe('#ffffff');
    expect(readableOn('not a colour')).toBe('#ffffff');
  });
});
