import type { AppContext } from '../../context.js';
import type { Executor, Trx } from '../../db/database.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';
import type { DomainEvent } from '../../lib/events.js';
import { newId } from '../../lib/ids.js';
import { DAY, isoAfter } from '../../lib/clock.js';
import { computeTotals, milliToQuantity, MoneyError, quantityToMilli, type Discount, type Totals } from '../../../shared/money.js';
import { actorOf, type ActorRef, type PortalPrincipal, type StaffPrincipal } from '../accounts/principal.js';
import * as companiesRepo from '../companies/companies.repository.js';
import * as jobsRepo from '../jobs/jobs.repository.js';
import { isTerminal } from '../jobs/job-state-machine.js';
import type { JobsService } from '../jobs/jobs.service.js';
import type { PortalService } from '../portal/portal.service.js';
import * as repo from './billing.repository.js';
import { renderDocumentPdf } from './pdf/document-pdf.js';
import { loadLogo } from './pdf/branded-layout.js';
import { formatAddress } from '../customers/customers.service.js';
import type {
  CreateDocumentInput,
  CustomerDocumentDto,
  DocumentSummaryDto,
  LineInputDto,
  OptionInputDto,
  StaffDocumentDto,
  UpdateDocumentInput,
  BillingSettingsDto,
  BillingSettingsPatchDto,
} from './billing.schemas.js';
import type {
  BillingDocumentLineRow,
  BillingDocumentOptionRow,
  BillingDocumentRow,
  BillingSettingsRow,
  DocumentKind,
  DocumentStatus,
  LineKind,
} from './billing.table.js';

export const DEFAULT_BILLING_SETTINGS = {
  payments_enabled: 0,
  payment_provider: 'offline',
  default_tax_rate_bp: 0,
  invoice_due_days: 14,
  approved_estimate_action: 'add_visit',
  pdf_footer: '',
  default_terms: '',
} as const;

/** Prefixes of the per-company numbers; each kind has its own gapless counter. */
const NUMBER_PREFIX: Record<DocumentKind, string> = { estimate: 'EST', invoice: 'INV' };

/** One option as it will be stored: inputs normalised, figures computed. */
interface PreparedOption {
  title: string;
  description: string;
  discount: Discount | null;
  lines: { kind: LineKind; description: string; quantityMilli: number; unitPriceMinor: number; discount: Discount | null; taxRateBp: number }[];
  totals: Totals;
}

interface Content {
  rows: { option: BillingDocumentOptionRow; lines: BillingDocumentLineRow[] }[];
}

/**
 * Estimates and invoices (docs/billing.md): creation from a job, editing with optimistic versions,
 * sharing to the portal, the customer's approval or refusal and what it sets off, estimate → invoice,
 * voiding. Every step is a job timeline entry and a domain event, dispatched in the transaction
 * (the notification planner and the live-update log subscribe there) and published after commit.
 */
export class BillingService {
  constructor(
    private readonly ctx: AppContext,
    private readonly deps: { jobs: JobsService; portal: PortalService },
  ) {}


  private now() {
    return this.ctx.clock.now();
  }

  // ---------------------------------------------------------------- settings

  async settingsRow(companyId: string, db: Executor = this.ctx.db): Promise<Omit<BillingSettingsRow, 'updated_at'> & { updated_at: string | null }> {
    return (await repo.findSettings(db, companyId)) ?? { company_id: companyId, ...DEFAULT_BILLING_SETTINGS, updated_at: null };
  }

  async settings(companyId: string): Promise<BillingSettingsDto> {
    const [row, company] = await Promise.all([this.settingsRow(companyId), companiesRepo.findCompany(this.ctx.db, companyId)]);
    return toSettingsDto(row, company?.currency ?? 'USD');
  }

  async updateSettings(companyId: string, patch: BillingSettingsPatchDto): Promise<BillingSettingsDto> {
    const current = await this.settingsRow(companyId);
    await repo.upsertSettings(this.ctx.db, {
      company_id: companyId,
      payments_enabled: patch.paymentsEnabled === undefined ? current.payments_enabled : patch.paymentsEnabled ? 1 : 0,
      payment_provider: patch.paymentProvider ?? current.payment_provider,
      default_tax_rate_bp: patch.defaultTaxRateBp ?? current.default_tax_rate_bp,
      invoice_due_days: patch.invoiceDueDays ?? current.invoice_due_days,
      approved_estimate_action: patch.approvedEstimateAction ?? current.approved_estimate_action,
      pdf_footer: patch.pdfFooter ?? current.pdf_footer,
      default_terms: patch.defaultTerms ?? current.default_terms,
      updated_at: this.now().toISOString(),
    });
    return this.settings(companyId);
  }

  // ---------------------------------------------------------------- staff: documents

  async list(companyId: string, filter: Omit<repo.DocumentListFilter, 'visibleToCustomer' | 'limit'> & { limit?: number }): Promise<DocumentSummaryDto[]> {
    const rows = await repo.listDocuments(this.ctx.db, companyId, { ...filter, limit: filter.limit ?? 100 });
    return rows.map(toSummary);
  }

  async create(staff: StaffPrincipal, input: CreateDocumentInput): Promise<StaffDocumentDto> {
    const actor = actorOf(staff);
    const { result: documentId, events } = await this.transaction(async (trx, events) => {
      const job = await jobsRepo.findJob(trx, staff.companyId, input.jobId);
      if (!job) throw invalidField('jobId', 'is not a job of this company');
      const [company, settings] = await Promise.all([companiesRepo.findCompany(trx, staff.companyId), this.settingsRow(staff.companyId, trx)]);
      const options = this.prepare(input.kind, input, settings.default_tax_rate_bp) ?? [emptyOption()];
      const now = this.now().toISOString();
      const sequence = await companiesRepo.nextCounterValue(trx, staff.companyId, `billing-${input.kind}`);
      const first = options[0]!.totals;
      const document: BillingDocumentRow = {
        id: newId(),
        company_id: staff.companyId,
        kind: input.kind,
        number: `${NUMBER_PREFIX[input.kind]}-${String(sequence).padStart(5, '0')}`,
        job_id: job.id,
        customer_id: job.customer_id,
        currency: company?.currency ?? 'USD',
        status: 'draft',
        shared: 0,
        shared_at: null,
        subtotal_minor: first.subtotalMinor,
        discount_minor: first.discountMinor,
        tax_minor: first.taxMinor,
        total_minor: first.totalMinor,
        amount_paid_minor: 0,
        paid_at: null,
        due_at: input.kind === 'invoice' ? (input.dueAt ?? isoAfter(this.now(), settings.invoice_due_days * DAY)) : null,
        issued_at: null,
        title: input.title ?? '',
        notes: input.notes ?? '',
        terms: input.terms ?? settings.default_terms,
        chosen_option_id: null,
        signer_name: null,
        approved_at: null,
        approval_ip: null,
        declined_at: null,
        decline_reason: null,
        voided_at: null,
        source_estimate_id: null,
        converted_invoice_id: null,
        resulting_job_id: null,
        resulting_appointment_id: null,
        created_by: staff.userId,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await repo.insertDocument(trx, document);
      await this.insertContent(trx, document, options);
      events.push(await this.record(trx, document, actor, `${document.kind}.created`, 'staff', { title: document.title }));
      if (input.shared) await this.shareInTransaction(trx, document, actor, events);
      return document.id;
    });
    await this.ctx.bus.publish(events);
    return this.staffView(staff.companyId, documentId);
  }

  async update(staff: StaffPrincipal, documentId: string, input: UpdateDocumentInput): Promise<StaffDocumentDto> {
    const actor = actorOf(staff);
    await this.change(staff.companyId, documentId, async (trx, document, events) => {
      if (document.version !== input.version) {
        throw conflict('VERSION_CONFLICT', 'Someone else saved this document since you opened it; reload it and make your change again.', { currentVersion: document.version });
      }
      assertEditable(document);
      const settings = await this.settingsRow(document.company_id, trx);
      const options = this.prepare(document.kind, input, settings.default_tax_rate_bp);
      const patch: Partial<BillingDocumentRow> = { updated_at: this.now().toISOString() };
      const changed: string[] = [];
      for (const [key, column] of [['title', 'title'], ['notes', 'notes'], ['terms', 'terms']] as const) {
        if (input[key] !== undefined && input[key] !== document[column]) {
          patch[column] = input[key];
          changed.push(key);
        }
      }
      if (input.dueAt !== undefined && document.kind === 'invoice' && input.dueAt !== document.due_at) {
        patch.due_at = input.dueAt;
        changed.push('dueAt');
      }
      if (options) {
        await repo.deleteContent(trx, document.company_id, document.id);
        await this.insertContent(trx, document, options);
        const first = options[0]!.totals;
        Object.assign(patch, { subtotal_minor: first.subtotalMinor, discount_minor: first.discountMinor, tax_minor: first.taxMinor, total_minor: first.totalMinor });
        changed.push('lines');
      }
      if (!(await repo.updateDocumentIfVersion(trx, document.company_id, document.id, document.version, patch))) {
        throw conflict('VERSION_CONFLICT', 'Someone else saved this document since you opened it; reload it and make your change again.');
      }
      // The customer may have it open: their page refreshes (the entry itself stays internal).
      const live = document.shared === 1 && document.status !== 'draft' ? 'customer' : 'staff';
      if (changed.length) events.push(await this.record(trx, document, actor, `${document.kind}.updated`, 'staff', { changed, totalMinor: patch.total_minor ?? document.total_minor }, live));
    });
    return this.staffView(staff.companyId, documentId);
  }

  /** The "share in portal" switch. Switching it on issues a draft and notifies the customer (once). */
  async setShared(staff: StaffPrincipal, documentId: string, input: { shared: boolean; version?: number }): Promise<StaffDocumentDto> {
    const actor = actorOf(staff);
    await this.change(staff.companyId, documentId, async (trx, document, events) => {
      if (input.version !== undefined && input.version !== document.version) {
        throw conflict('VERSION_CONFLICT', 'Someone else saved this document since you opened it; reload it and make your change again.', { currentVersion: document.version });
      }
      if (input.shared) {
        if (document.shared === 1) return;
        await this.shareInTransaction(trx, document, actor, events);
        return;
      }
      if (document.shared === 0) return;
      if (document.kind === 'estimate' && document.status !== 'sent') {
        throw conflict('DOCUMENT_LOCKED', `The estimate is ${document.status}: it stays visible to the customer.`, { currentStatus: document.status });
      }
      if (document.kind === 'invoice' && (document.status !== 'open' || document.amount_paid_minor > 0)) {
        throw conflict('DOCUMENT_LOCKED', 'The invoice has payments: it stays visible to the customer.', { currentStatus: document.status });
      }
      await this.save(trx, document, { shared: 0 });
      events.push(await this.record(trx, document, actor, `${document.kind}.unshared`, 'staff', { number: document.number }, 'customer'));
    });
    return this.staffView(staff.companyId, documentId);
  }

  /** Issues a draft without putting it in the portal (e.g. handed over on paper): estimates become sent, invoices open. */
  async issue(staff: StaffPrincipal, documentId: string): Promise<StaffDocumentDto> {
    const actor = actorOf(staff);
    await this.change(staff.companyId, documentId, async (trx, document, events) => {
      if (document.status !== 'draft') throw conflict('DOCUMENT_NOT_DRAFT', `The ${document.kind} is already ${document.status}.`, { currentStatus: document.status });
      await this.assertHasLines(trx, document);
      const issued = await this.issuePatch(trx, document);
      await this.save(trx, document, issued);
      events.push(await this.record(trx, document, actor, `${document.kind}.issued`, 'staff', this.eventData({ ...document, ...issued })));
    });
    return this.staffView(staff.companyId, documentId);
  }

  async void(staff: StaffPrincipal, documentId: string): Promise<StaffDocumentDto> {
    const actor = actorOf(staff);
    await this.change(staff.companyId, documentId, async (trx, document, events) => {
      if (document.status === 'void') throw conflict('DOCUMENT_VOID', `The ${document.kind} is already void.`, { currentStatus: document.status });
      if (document.kind === 'invoice' && (document.status === 'paid' || document.amount_paid_minor > 0)) {
        throw conflict('INVOICE_HAS_PAYMENTS', 'The invoice has payments: refund them before voiding it.', { currentStatus: document.status });
      }
      if (document.converted_invoice_id) throw conflict('ESTIMATE_CONVERTED', 'The estimate became an invoice: void the invoice instead.');
      const voidedAt = this.now().toISOString();
      await this.save(trx, document, { status: 'void', voided_at: voidedAt });
      const visibility = document.shared === 1 && document.status !== 'draft' ? 'customer' : 'staff';
      events.push(await this.record(trx, document, actor, `${document.kind}.voided`, visibility, { documentId: document.id, number: document.number }));
    });
    return this.staffView(staff.companyId, documentId);
  }

  /** Estimate → invoice: a draft invoice with the chosen option's lines (or the given option's, or the only one). */
  async convertToInvoice(staff: StaffPrincipal, documentId: string, input: { optionId?: string }): Promise<StaffDocumentDto> {
    const actor = actorOf(staff);
    let invoiceId = '';
    await this.change(staff.companyId, documentId, async (trx, estimate, events) => {
      if (estimate.kind !== 'estimate') throw conflict('NOT_AN_ESTIMATE', 'Only an estimate can be turned into an invoice.');
      if (estimate.status === 'void' || estimate.status === 'declined') throw conflict('ESTIMATE_CLOSED', `The estimate is ${estimate.status}.`, { currentStatus: estimate.status });
      if (estimate.converted_invoice_id) throw conflict('ESTIMATE_CONVERTED', 'The estimate was already turned into an invoice.', { invoiceId: estimate.converted_invoice_id });
      const content = await this.content(trx, estimate);
      const optionId = estimate.chosen_option_id ?? input.optionId ?? (content.rows.length === 1 ? content.rows[0]!.option.id : undefined);
      if (!optionId) throw invalidField('optionId', 'is required: choose which option of the estimate to invoice');
      if (estimate.chosen_option_id && input.optionId && input.optionId !== estimate.chosen_option_id) throw invalidField('optionId', 'must be the option the customer approved');
      const chosen = content.rows.find((r) => r.option.id === optionId);
      if (!chosen) throw invalidField('optionId', 'is not an option of this estimate');
      const settings = await this.settingsRow(estimate.company_id, trx);
      const option = prepareFromRows(chosen.option, chosen.lines);
      const sequence = await companiesRepo.nextCounterValue(trx, estimate.company_id, 'billing-invoice');
      const now = this.now().toISOString();
      const invoice: BillingDocumentRow = {
        ...estimate,
        id: newId(),
        kind: 'invoice',
        number: `${NUMBER_PREFIX.invoice}-${String(sequence).padStart(5, '0')}`,
        status: 'draft',
        shared: 0,
        shared_at: null,
        subtotal_minor: option.totals.subtotalMinor,
        discount_minor: option.totals.discountMinor,
        tax_minor: option.totals.taxMinor,
        total_minor: option.totals.totalMinor,
        amount_paid_minor: 0,
        paid_at: null,
        due_at: isoAfter(this.now(), settings.invoice_due_days * DAY),
        issued_at: null,
        title: estimate.title || chosen.option.title,
        chosen_option_id: null,
        signer_name: null,
        approved_at: null,
        approval_ip: null,
        declined_at: null,
        decline_reason: null,
        voided_at: null,
        source_estimate_id: estimate.id,
        converted_invoice_id: null,
        resulting_job_id: null,
        resulting_appointment_id: null,
        created_by: staff.userId,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await repo.insertDocument(trx, invoice);
      await this.insertContent(trx, invoice, [{ ...option, title: '' }]);
      await this.save(trx, estimate, { converted_invoice_id: invoice.id });
      events.push(await this.record(trx, invoice, actor, 'invoice.created', 'staff', { title: invoice.title, fromEstimate: estimate.number, sourceEstimateId: estimate.id }));
      invoiceId = invoice.id;
    });
    return this.staffView(staff.companyId, invoiceId);
  }

  async staffView(companyId: string, documentId: string): Promise<StaffDocumentDto> {
    const document = await repo.findDocumentWithNames(this.ctx.db, companyId, documentId);
    if (!document) throw notFound('DOCUMENT_NOT_FOUND', 'No such estimate or invoice.');
    const [content, settings] = await Promise.all([this.content(this.ctx.db, document), this.settingsRow(companyId)]);
    return {
      ...baseDto(document, content),
      version: document.version,
      approvalIp: document.approval_ip,
      editable: isEditable(document),
      paymentsEnabled: settings.payments_enabled === 1,
    };
  }

  // ---------------------------------------------------------------- customers

  /** The job's documents the customer may see: shared, and no longer drafts. */
  async listForCustomer(principal: PortalPrincipal, jobId: string): Promise<DocumentSummaryDto[]> {
    await this.deps.portal.requireJobAccess(principal, jobId);
    const rows = await repo.listDocuments(this.ctx.db, principal.companyId, { jobId, visibleToCustomer: true, limit: 100 });
    return rows.map(toSummary);
  }

  async customerView(principal: PortalPrincipal, jobId: string, documentId: string): Promise<CustomerDocumentDto> {
    const job = await this.deps.portal.requireJobAccess(principal, jobId);
    const document = await repo.findDocumentWithNames(this.ctx.db, principal.companyId, documentId);
    if (!document || !isVisibleToCustomer(document, job.id, job.customer_id)) throw notFound('DOCUMENT_NOT_FOUND', 'No such estimate or invoice.');
    const [content, settings, company] = await Promise.all([this.content(this.ctx.db, document), this.settingsRow(principal.companyId), companiesRepo.findCompany(this.ctx.db, principal.companyId)]);
    const paymentsEnabled = settings.payments_enabled === 1;
    const balance = document.kind === 'invoice' ? document.total_minor - document.amount_paid_minor : 0;
    return {
      ...baseDto(document, content),
      version: document.version,
      company: { name: company!.name, logoUrl: company!.logo_url, phone: company!.phone, brandColor: company!.brand_color, locale: company!.locale, timezone: company!.timezone },
      canRespond: document.kind === 'estimate' && document.status === 'sent',
      payable: paymentsEnabled && document.kind === 'invoice' && document.status === 'open' && balance > 0,
      paymentsEnabled,
    };
  }

  /** For the PDF routes: the document, checked as customerView checks it. */
  async requireCustomerDocument(principal: PortalPrincipal, jobId: string, documentId: string) {
    await this.customerView(principal, jobId, documentId);
  }

  async approve(principal: PortalPrincipal, jobId: string, documentId: string, input: { optionId?: string; signerName: string; version?: number }, ip: string): Promise<CustomerDocumentDto> {
    const job = await this.deps.portal.requireJobAccess(principal, jobId);
    const actor = actorOf(principal);
    await this.change(principal.companyId, documentId, async (trx, document, events) => {
      if (!isVisibleToCustomer(document, job.id, job.customer_id)) throw notFound('DOCUMENT_NOT_FOUND', 'No such estimate or invoice.');
      this.assertCanRespond(document);
      if (input.version !== undefined && input.version !== document.version) {
        throw conflict('DOCUMENT_CHANGED', 'The estimate was changed since you opened it: please review it again before approving.', { currentVersion: document.version });
      }
      const content = await this.content(trx, document);
      const signerName = input.signerName.trim();
      if (!signerName) throw invalidField('signerName', 'must not be empty');
      let chosen = content.rows[0]!;
      if (content.rows.length > 1 || input.optionId) {
        if (!input.optionId) throw invalidField('optionId', 'is required: choose one of the options');
        const found = content.rows.find((r) => r.option.id === input.optionId);
        if (!found) throw invalidField('optionId', 'is not an option of this estimate');
        chosen = found;
      }
      const now = this.now().toISOString();
      const patch: Partial<BillingDocumentRow> = {
        status: 'approved',
        chosen_option_id: chosen.option.id,
        signer_name: signerName,
        approved_at: now,
        approval_ip: ip,
        subtotal_minor: chosen.option.subtotal_minor,
        discount_minor: chosen.option.discount_minor,
        tax_minor: chosen.option.tax_minor,
        total_minor: chosen.option.total_minor,
      };
      const followUp = await this.afterApproval(trx, document, chosen.option, events);
      Object.assign(patch, followUp.patch);
      await this.save(trx, document, patch);
      events.push(
        await this.record(trx, document, actor, 'estimate.approved', 'customer', {
          ...this.eventData({ ...document, ...patch }),
          optionId: chosen.option.id,
          optionTitle: chosen.option.title,
          signerName,
          ip,
          approvedAt: now,
          outcome: followUp.outcome,
          ...(followUp.jobReference && { resultingJobReference: followUp.jobReference }),
        }),
      );
      events.push(...followUp.after);
    });
    return this.customerView(principal, jobId, documentId);
  }

  async decline(principal: PortalPrincipal, jobId: string, documentId: string, input: { reason?: string }): Promise<CustomerDocumentDto> {
    const job = await this.deps.portal.requireJobAccess(principal, jobId);
    const actor = actorOf(principal);
    await this.change(principal.companyId, documentId, async (trx, document, events) => {
      if (!isVisibleToCustomer(document, job.id, job.customer_id)) throw notFound('DOCUMENT_NOT_FOUND', 'No such estimate or invoice.');
      this.assertCanRespond(document);
      const reason = input.reason?.trim() || null;
      const now = this.now().toISOString();
      await this.save(trx, document, { status: 'declined', declined_at: now, decline_reason: reason });
      events.push(await this.record(trx, document, actor, 'estimate.declined', 'customer', { ...this.eventData(document), reason: reason ?? '', declinedAt: now }));
    });
    return this.customerView(principal, jobId, documentId);
  }

  /** Everything a PDF shows; used by the PDF routes and, for receipts, by the payments module. */
  async pdfData(companyId: string, documentId: string) {
    const document = await repo.findDocumentWithNames(this.ctx.db, companyId, documentId);
    if (!document) throw notFound('DOCUMENT_NOT_FOUND', 'No such estimate or invoice.');
    const [content, settings, company, job] = await Promise.all([
      this.content(this.ctx.db, document),
      this.settingsRow(companyId),
      companiesRepo.findCompany(this.ctx.db, companyId),
      jobsRepo.findJobSummary(this.ctx.db, companyId, document.job_id),
    ]);
    return { document: baseDto(document, content), company: company!, settings, job: job! };
  }

  /** The document as a branded PDF (staff: any; customers: checked by the caller with requireCustomerDocument). */
  async renderPdf(companyId: string, documentId: string): Promise<{ fileName: string; pdf: Buffer }> {
    const { document, company, settings, job } = await this.pdfData(companyId, documentId);
    const pdf = await renderDocumentPdf({
      document,
      branding: { companyName: company.name, brandColor: company.brand_color, logo: await loadLogo(company.logo_url), phone: company.phone, email: company.email, footer: settings.pdf_footer },
      company: { locale: company.locale, timezone: company.timezone },
      customer: { name: document.customer.name, address: [formatAddress({ line1: job.location_line1, line2: job.location_line2, city: job.location_city, postal_code: job.location_postal_code })] },
      job: { reference: job.reference, category: job.category_name },
    });
    return { fileName: `${document.number}.pdf`, pdf };
  }

  // ---------------------------------------------------------------- internals

  private assertCanRespond(document: BillingDocumentRow) {
    if (document.kind !== 'estimate') throw conflict('NOT_AN_ESTIMATE', 'Only an estimate can be approved or declined.');
    if (document.status !== 'sent') {
      throw conflict('ESTIMATE_NOT_OPEN', document.status === 'approved' ? 'This estimate was already approved.' : `This estimate is ${document.status} and can no longer be approved or declined.`, {
        currentStatus: document.status,
      });
    }
  }

  /**
   * What approving sets off, per the company setting: a new job for the same customer and address,
   * or the approved work put back in the dispatch queue on its own job. A job still waiting to be
   * scheduled needs nothing more; a closed job cannot take another visit, so it gets a follow-up job.
   */
  private async afterApproval(trx: Trx, estimate: BillingDocumentRow, option: BillingDocumentOptionRow, events: DomainEvent[]) {
    const settings = await this.settingsRow(estimate.company_id, trx);
    const none = { patch: {}, outcome: 'nothing' as string, jobReference: undefined as string | undefined, after: [] as DomainEvent[] };
    if (settings.approved_estimate_action === 'nothing') return none;
    const job = await jobsRepo.findJobForChange(trx, this.ctx.dbKind, estimate.company_id, estimate.job_id);
    if (!job) return none;
    if (settings.approved_estimate_action === 'add_visit' && !isTerminal(job.status)) {
      const company = await companiesRepo.findCompany(trx, estimate.company_id);
      const system: ActorRef = { kind: 'system', id: null, name: company?.name ?? 'Arrivo' };
      events.push(
        await this.recordOnJob(trx, job.company_id, job.id, system, 'job.visit_requested', 'staff', {
          documentId: estimate.id,
          number: estimate.number,
          optionTitle: option.title,
          jobStatus: job.status,
        }),
      );
      return { ...none, outcome: 'visit_requested' };
    }
    const source = await trx.selectFrom('job_sources').select('id').where('company_id', '=', job.company_id).where('kind', '=', 'company').orderBy('created_at').executeTakeFirst();
    // The customer's approval must never fail on the office's catalogue: a retired category means the office plans the work by hand.
    const category = await trx.selectFrom('service_categories').select('active').where('company_id', '=', job.company_id).where('id', '=', job.category_id).executeTakeFirst();
    if (!source || !category?.active) return none;
    const contacts = await jobsRepo.listJobContacts(trx, job.company_id, job.id);
    const company = await companiesRepo.findCompany(trx, job.company_id);
    const label = option.title ? `${estimate.number} (${option.title})` : estimate.number;
    const created = await this.deps.jobs.createInTransaction(trx, job.company_id, { kind: 'system', id: null, name: company?.name ?? 'Arrivo' }, {
      customerId: job.customer_id,
      locationId: job.location_id,
      categoryId: job.category_id,
      sourceId: source.id,
      priority: job.priority,
      description: `Approved estimate ${label}: ${estimate.title || job.description}`.slice(0, 2000),
      contactIds: contacts.map((c) => c.id),
      notificationsEnabled: job.notifications_enabled === 1,
      preferredWindows: [],
    });
    return { patch: { resulting_job_id: created.job.id }, outcome: 'job_created', jobReference: created.job.reference, after: created.events };
  }

  private async assertHasLines(trx: Trx, document: BillingDocumentRow) {
    const content = await this.content(trx, document);
    if (content.rows.every((r) => r.lines.length === 0)) throw invalidField('lines', `must not be empty: add at least one line before sending the ${document.kind}`);
  }

  private async issuePatch(trx: Trx, document: BillingDocumentRow): Promise<Partial<BillingDocumentRow>> {
    const now = this.now().toISOString();
    const patch: Partial<BillingDocumentRow> = { status: document.kind === 'estimate' ? 'sent' : 'open', issued_at: document.issued_at ?? now };
    if (document.kind === 'invoice' && !document.due_at) {
      const settings = await this.settingsRow(document.company_id, trx);
      patch.due_at = isoAfter(this.now(), settings.invoice_due_days * DAY);
    }
    return patch;
  }

  private async shareInTransaction(trx: Trx, document: BillingDocumentRow, actor: ActorRef, events: DomainEvent[]) {
    if (document.status === 'void') throw conflict('DOCUMENT_VOID', `A void ${document.kind} cannot be shared.`, { currentStatus: document.status });
    await this.assertHasLines(trx, document);
    const patch: Partial<BillingDocumentRow> = { shared: 1, shared_at: this.now().toISOString() };
    if (document.status === 'draft') Object.assign(patch, await this.issuePatch(trx, document));
    await this.save(trx, document, patch);
    const shared = { ...document, ...patch };
    // The planner turns this into the estimate_shared / invoice_shared message with its link.
    events.push(await this.record(trx, shared, actor, `${document.kind}.shared`, 'customer', this.eventData(shared)));
  }

  /** What billing events carry: the planner reads number, amountMinor, currency and dueAt. */
  private eventData(document: BillingDocumentRow) {
    return {
      documentId: document.id,
      kind: document.kind,
      number: document.number,
      amountMinor: document.total_minor,
      currency: document.currency,
      ...(document.due_at && document.kind === 'invoice' && { dueAt: document.due_at }),
    };
  }

  /** Saves a change of a locked document and moves its version on, so open editors learn of it. */
  private async save(trx: Trx, document: BillingDocumentRow, patch: Partial<BillingDocumentRow>) {
    const saved = await repo.updateDocumentIfVersion(trx, document.company_id, document.id, document.version, { ...patch, updated_at: this.now().toISOString() });
    if (!saved) throw conflict('VERSION_CONFLICT', 'The document was changed by someone else just now; reload it and try again.');
    Object.assign(document, patch, { version: document.version + 1 });
  }

  /** Normalises the lines or options of a request; undefined when the request leaves them as they are. */
  private prepare(kind: DocumentKind, input: { lines?: LineInputDto[]; discount?: { kind: 'percent' | 'amount'; value: number } | null; options?: OptionInputDto[] }, defaultTaxRateBp: number): PreparedOption[] | undefined {
    if (input.lines && input.options) throw invalidField('options', 'give either lines or options, not both');
    if (input.options && input.discount !== undefined) throw invalidField('discount', 'goes on each option when the estimate has options');
    if (input.options && kind === 'invoice' && input.options.length > 1) throw invalidField('options', 'an invoice has one set of lines: send lines instead');
    if (input.lines) return [prepareOption({ title: '', lines: input.lines, discount: input.discount ?? null }, defaultTaxRateBp, '')];
    if (input.options) return input.options.map((option, index) => prepareOption(option, defaultTaxRateBp, `options[${index}].`, input.options!.length > 1));
    if (input.discount !== undefined) throw invalidField('discount', 'send it together with the lines');
    return undefined;
  }

  private async insertContent(trx: Trx, document: BillingDocumentRow, options: PreparedOption[]) {
    for (const [position, option] of options.entries()) {
      const optionId = newId();
      await repo.insertOption(trx, {
        id: optionId,
        company_id: document.company_id,
        document_id: document.id,
        position,
        title: option.title,
        description: option.description,
        discount_kind: option.discount?.kind ?? null,
        discount_value: option.discount?.value ?? 0,
        subtotal_minor: option.totals.subtotalMinor,
        discount_minor: option.totals.discountMinor,
        tax_minor: option.totals.taxMinor,
        total_minor: option.totals.totalMinor,
      });
      await repo.insertLines(
        trx,
        option.lines.map((line, index) => ({
          id: newId(),
          company_id: document.company_id,
          document_id: document.id,
          option_id: optionId,
          position: index,
          kind: line.kind,
          description: line.description,
          quantity_milli: line.quantityMilli,
          unit_price_minor: line.unitPriceMinor,
          discount_kind: line.discount?.kind ?? null,
          discount_value: line.discount?.value ?? 0,
          tax_rate_bp: line.taxRateBp,
          amount_minor: option.totals.lines[index]!.amountMinor,
          discount_minor: option.totals.lines[index]!.discountMinor,
          net_minor: option.totals.lines[index]!.netMinor,
        })),
      );
    }
  }

  private async content(db: Parameters<typeof repo.listContent>[0], document: BillingDocumentRow): Promise<Content> {
    const { options, lines } = await repo.listContent(db, document.company_id, [document.id]);
    return { rows: options.map((option) => ({ option, lines: lines.filter((l) => l.option_id === option.id) })) };
  }

  private async change(companyId: string, documentId: string, work: (trx: Trx, document: BillingDocumentRow, events: DomainEvent[]) => Promise<void>) {
    const { events } = await this.transaction(async (trx, events) => {
      const document = await repo.findDocumentForChange(trx, this.ctx.dbKind, companyId, documentId);
      if (!document) throw notFound('DOCUMENT_NOT_FOUND', 'No such estimate or invoice.');
      await work(trx, document, events);
    });
    await this.ctx.bus.publish(events);
  }

  private async transaction<T>(work: (trx: Trx, events: DomainEvent[]) => Promise<T>): Promise<{ result: T; events: DomainEvent[] }> {
    const events: DomainEvent[] = [];
    const result = await this.ctx.db.transaction().execute(async (trx) => {
      events.length = 0;
      return work(trx, events);
    });
    return { result, events };
  }

  private record(trx: Trx, document: BillingDocumentRow, actor: ActorRef, type: string, visibility: 'customer' | 'staff', data: Record<string, unknown>, live: 'customer' | 'staff' = visibility) {
    return this.recordOnJob(trx, document.company_id, document.job_id, actor, type, visibility, { documentId: document.id, number: document.number, ...data }, live);
  }

  /**
   * Appends to the job's timeline and dispatches the event in the transaction. `live` is who open
   * screens refresh for (live updates): the customer's too when a step hides or changes what they
   * may be looking at, though its timeline entry is the office's.
   */
  private async recordOnJob(
    trx: Trx,
    companyId: string,
    jobId: string,
    actor: ActorRef,
    type: string,
    visibility: 'customer' | 'staff',
    data: Record<string, unknown>,
    live: 'customer' | 'staff' = visibility,
  ): Promise<DomainEvent> {
    const id = newId();
    const at = this.now().toISOString();
    await jobsRepo.insertTimelineEvent(trx, { id, company_id: companyId, job_id: jobId, type, visibility, actor_kind: actor.kind, actor_id: actor.id, actor_name: actor.name, data: JSON.stringify(data), created_at: at });
    const event: DomainEvent = { type, companyId, jobId, timelineEventId: id, actor, data: { ...data, visibility: live }, occurredAt: at };
    await this.ctx.bus.dispatchInTransaction(trx, event);
    return event;
  }
}

// ---------------------------------------------------------------- pure helpers

function emptyOption(): PreparedOption {
  return { title: '', description: '', discount: null, lines: [], totals: computeTotals([]) };
}

function prepareOption(option: { title: string; description?: string; lines: LineInputDto[]; discount?: Discount | null }, defaultTaxRateBp: number, prefix: string, needsTitle = false): PreparedOption {
  const title = option.title.trim();
  if (needsTitle && !title) throw invalidField(`${prefix}title`, 'must not be empty when the estimate has several options');
  const lines = option.lines.map((line, index) => {
    const quantityMilli = quantityToMilli(line.quantity);
    if (quantityMilli === null) throw invalidField(`${prefix}lines[${index}].quantity`, 'must be a number with at most 3 decimals');
    return {
      kind: line.kind,
      description: line.description.trim(),
      quantityMilli,
      unitPriceMinor: line.unitPriceMinor,
      discount: line.discount ?? null,
      taxRateBp: line.taxRateBp ?? defaultTaxRateBp,
    };
  });
  lines.forEach((line, index) => {
    if (!line.description) throw invalidField(`${prefix}lines[${index}].description`, 'must not be empty');
  });
  try {
    const totals = computeTotals(lines, option.discount ?? null);
    return { title, description: option.description?.trim() ?? '', discount: option.discount ?? null, lines, totals };
  } catch (error) {
    if (error instanceof MoneyError) throw invalidField(`${prefix}${error.field}`, error.message);
    throw error;
  }
}

function prepareFromRows(option: BillingDocumentOptionRow, lines: BillingDocumentLineRow[]): PreparedOption {
  const prepared = lines.map((l) => ({
    kind: l.kind,
    description: l.description,
    quantityMilli: l.quantity_milli,
    unitPriceMinor: l.unit_price_minor,
    discount: l.discount_kind ? { kind: l.discount_kind, value: l.discount_value } : null,
    taxRateBp: l.tax_rate_bp,
  }));
  const discount = option.discount_kind ? { kind: option.discount_kind, value: option.discount_value } : null;
  return { title: option.title, description: option.description, discount, lines: prepared, totals: computeTotals(prepared, discount) };
}

/** Staff may edit estimates until the customer answers, invoices until a payment is recorded. */
export function isEditable(document: BillingDocumentRow): boolean {
  if (document.kind === 'estimate') return document.status === 'draft' || document.status === 'sent';
  return (document.status === 'draft' || document.status === 'open') && document.amount_paid_minor === 0;
}

function assertEditable(document: BillingDocumentRow) {
  if (!isEditable(document)) {
    throw conflict('DOCUMENT_LOCKED', `The ${document.kind} is ${document.status}${document.amount_paid_minor > 0 ? ' with payments' : ''} and can no longer be edited.`, { currentStatus: document.status });
  }
}

/** A customer sees a document only when it is shared, past draft, and belongs to this job and its customer. */
export function isVisibleToCustomer(document: BillingDocumentRow, jobId: string, customerId: string): boolean {
  return document.shared === 1 && document.status !== 'draft' && document.job_id === jobId && document.customer_id === customerId;
}

function toSettingsDto(row: Omit<BillingSettingsRow, 'updated_at'>, currency: string): BillingSettingsDto {
  return {
    paymentsEnabled: row.payments_enabled === 1,
    paymentProvider: row.payment_provider,
    defaultTaxRateBp: row.default_tax_rate_bp,
    invoiceDueDays: row.invoice_due_days,
    approvedEstimateAction: row.approved_estimate_action,
    pdfFooter: row.pdf_footer,
    defaultTerms: row.default_terms,
    currency,
  };
}

function balanceOf(document: BillingDocumentRow) {
  return document.kind === 'invoice' && document.status !== 'void' ? document.total_minor - document.amount_paid_minor : 0;
}

function toSummary(row: repo.DocumentWithNames): DocumentSummaryDto {
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    jobId: row.job_id,
    jobReference: row.job_reference,
    customer: { id: row.customer_id, name: row.customer_name },
    title: row.title,
    status: row.status,
    shared: row.shared === 1,
    currency: row.currency,
    totalMinor: row.total_minor,
    balanceMinor: balanceOf(row),
    dueAt: row.due_at,
    issuedAt: row.issued_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function baseDto(document: repo.DocumentWithNames, content: Content) {
  return {
    id: document.id,
    kind: document.kind,
    number: document.number,
    jobId: document.job_id,
    jobReference: document.job_reference,
    customer: { id: document.customer_id, name: document.customer_name },
    currency: document.currency,
    status: document.status as DocumentStatus,
    shared: document.shared === 1,
    sharedAt: document.shared_at,
    title: document.title,
    notes: document.notes,
    terms: document.terms,
    subtotalMinor: document.subtotal_minor,
    discountMinor: document.discount_minor,
    taxMinor: document.tax_minor,
    totalMinor: document.total_minor,
    amountPaidMinor: document.amount_paid_minor,
    balanceMinor: balanceOf(document),
    paidAt: document.paid_at,
    dueAt: document.due_at,
    issuedAt: document.issued_at,
    chosenOptionId: document.chosen_option_id,
    approval: document.approved_at && document.signer_name ? { signerName: document.signer_name, approvedAt: document.approved_at } : null,
    declined: document.declined_at ? { declinedAt: document.declined_at, reason: document.decline_reason } : null,
    voidedAt: document.voided_at,
    sourceEstimateId: document.source_estimate_id,
    convertedInvoiceId: document.converted_invoice_id,
    resultingJobId: document.resulting_job_id,
    options: content.rows.map(({ option, lines }) => {
      const prepared = prepareFromRows(option, lines);
      return {
        id: option.id,
        title: option.title,
        description: option.description,
        discount: prepared.discount,
        subtotalMinor: option.subtotal_minor,
        discountMinor: option.discount_minor,
        taxMinor: option.tax_minor,
        totalMinor: option.total_minor,
        taxes: prepared.totals.taxes,
        lines: lines.map((l) => ({
          id: l.id,
          kind: l.kind,
          description: l.description,
          quantity: milliToQuantity(l.quantity_milli),
          unitPriceMinor: l.unit_price_minor,
          discount: l.discount_kind ? { kind: l.discount_kind, value: l.discount_value } : null,
          taxRateBp: l.tax_rate_bp,
          amountMinor: l.amount_minor,
          discountMinor: l.discount_minor,
          netMinor: l.net_minor,
        })),
      };
    }),
    createdAt: document.created_at,
    updatedAt: document.updated_at,
  };
}

export type DocumentView = ReturnType<typeof baseDto>;
