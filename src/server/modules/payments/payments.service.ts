import type { AppContext } from '../../context.js';
import type { Executor, Trx } from '../../db/database.js';
import { DAY } from '../../lib/clock.js';
import { AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import type { Actor, DomainEvent } from '../../lib/events.js';
import { newId } from '../../lib/ids.js';
import { formatMoney } from '../../../shared/money.js';
import { actorOf, type CustomerPrincipal, type PortalPrincipal, type StaffPrincipal } from '../accounts/principal.js';
import type { BillingDocumentRow } from '../billing/billing.table.js';
import { nextCounterValue } from '../companies/companies.repository.js';
import { insertTimelineEvent } from '../jobs/jobs.repository.js';
import type { PortalService } from '../portal/portal.service.js';
import { OfflinePaymentProvider } from './offline-payment-provider.js';
import { CardDeclinedError, WebhookSignatureError, type CardInput, type NormalisedEvent, type PaymentProvider, type ProviderName, type ProviderPaymentState } from './payment-provider.js';
import * as repo from './payments.repository.js';
import type { PaymentMethodKind, PaymentRefundRow, PaymentRow } from './payments.table.js';
import { StripePaymentProvider } from './stripe-payment-provider.js';
import { invoicesCsv, paymentsCsv } from './payments-export.js';
import { renderReceiptPdf } from './receipt-pdf.js';
import { DEFAULT_BILLING_SETTINGS } from '../billing/billing.service.js';

/** Days after the due date on which an overdue invoice is reminded, unless the company chose others. */
export const DEFAULT_REMINDER_DAYS = [1, 7, 14] as const;
export const DEFAULT_PAYMENT_SETTINGS = { allowPartialPayments: true, reminderDays: [...DEFAULT_REMINDER_DAYS] };
/** Without a billing settings row, the billing module's defaults (online payments off). */
const DEFAULT_ONLINE = { paymentsEnabled: (DEFAULT_BILLING_SETTINGS.payments_enabled as number) === 1, provider: DEFAULT_BILLING_SETTINGS.payment_provider as ProviderName };

export interface PaymentDto {
  id: string;
  documentId: string;
  documentNumber: string;
  jobId: string;
  jobReference: string;
  customerId: string;
  customerName: string;
  method: PaymentMethodKind;
  provider: ProviderName | null;
  status: PaymentRow['status'];
  amountMinor: number;
  amountRefundedMinor: number;
  currency: string;
  cardBrand: string | null;
  cardLast4: string | null;
  reference: string | null;
  note: string | null;
  failureMessage: string | null;
  receiptNumber: string | null;
  succeededAt: string | null;
  createdAt: string;
  /** Stripe Checkout: where the browser goes to pay, while the attempt is open. */
  redirectUrl: string | null;
  autopay: boolean;
  refunds: { id: string; amountMinor: number; status: PaymentRefundRow['status']; reason: string | null; createdAt: string }[];
}

export interface InvoiceSummaryDto {
  id: string;
  number: string;
  jobId: string;
  jobReference: string;
  customerId: string;
  customerName: string;
  title: string;
  status: BillingDocumentRow['status'];
  shared: boolean;
  currency: string;
  totalMinor: number;
  amountPaidMinor: number;
  balanceMinor: number;
  issuedAt: string | null;
  dueAt: string | null;
  paidAt: string | null;
  overdue: boolean;
}

export interface PayInput {
  amount?: number;
  idempotencyKey?: string;
  card?: CardInput;
  savePaymentMethod?: boolean;
  paymentMethodId?: string;
}

export interface RecordPaymentInput {
  amount: number;
  method: Exclude<PaymentMethodKind, 'card'>;
  reference?: string | null;
  note?: string | null;
  receivedAt?: string | null;
}

type PaymentWithNames = PaymentRow & { document_number: string; customer_name: string; job_reference: string };

/**
 * Paying invoices (docs/payments.md). Payment state follows the provider: every provider event,
 * from a webhook or from the offline provider's answer, goes through `processEvent`, which reads
 * the provider's current view of the payment and reconciles to it, in one transaction that also
 * updates the invoice, appends the job's timeline and dispatches the domain events.
 */
export class PaymentsService {
  private readonly offline: OfflinePaymentProvider;
  private readonly stripe: StripePaymentProvider | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: { portal: PortalService },
  ) {
    this.offline = new OfflinePaymentProvider(ctx.db, ctx.clock);
    this.stripe = ctx.config.stripe ? new StripePaymentProvider(ctx.config.stripe) : undefined;
  }

  private now() {
    return this.ctx.clock.now().toISOString();
  }

  provider(name: ProviderName): PaymentProvider {
    if (name === 'stripe') {
      if (!this.stripe) throw new AppError(409, 'PAYMENTS_UNAVAILABLE', 'Card payments through Stripe are not configured on this installation.');
      return this.stripe;
    }
    return this.offline;
  }

  /** Whether customers may pay online, and through which provider. */
  async onlineSettings(companyId: string, db: Executor = this.ctx.db) {
    const row = await repo.findBillingSettings(db, companyId);
    const settings = row ? { paymentsEnabled: row.payments_enabled === 1, provider: row.payment_provider } : DEFAULT_ONLINE;
    // A company that chose Stripe on an installation without Stripe keys cannot take card payments.
    return { ...settings, available: settings.paymentsEnabled && (settings.provider === 'offline' || Boolean(this.stripe)) };
  }

  async settings(companyId: string, db: Executor = this.ctx.db) {
    const row = await repo.findSettings(db, companyId);
    if (!row) return { ...DEFAULT_PAYMENT_SETTINGS, reminderDays: [...DEFAULT_PAYMENT_SETTINGS.reminderDays] };
    return { allowPartialPayments: row.allow_partial_payments === 1, reminderDays: JSON.parse(row.reminder_days) as number[] };
  }

  async updateSettings(companyId: string, patch: { allowPartialPayments?: boolean; reminderDays?: number[] }) {
    const current = await this.settings(companyId);
    const next = { ...current, ...patch };
    if (patch.reminderDays) {
      const days = [...new Set(patch.reminderDays)].sort((a, b) => a - b);
      next.reminderDays = days;
    }
    const row = { company_id: companyId, allow_partial_payments: next.allowPartialPayments ? 1 : 0, reminder_days: JSON.stringify(next.reminderDays), updated_at: this.now() };
    await this.ctx.db
      .insertInto('payment_settings')
      .values(row)
      .onConflict((oc) => oc.column('company_id').doUpdateSet({ allow_partial_payments: row.allow_partial_payments, reminder_days: row.reminder_days, updated_at: row.updated_at }))
      .execute();
    return { ...(await this.settings(companyId)), stripeConfigured: Boolean(this.stripe) };
  }

  // ---------------------------------------------------------------- the portal: paying one invoice

  /** The invoice a portal caller may pay: shared, issued, on this job, of this job's customer; anything else is not found. */
  private async portalInvoice(principal: PortalPrincipal, jobId: string, documentId: string, db: Executor = this.ctx.db) {
    const job = await this.deps.portal.requireJobAccess(principal, jobId);
    const document = await repo.findDocument(db, principal.companyId, documentId);
    if (!document || document.job_id !== jobId || document.kind !== 'invoice' || document.customer_id !== job.customer_id || document.shared !== 1 || document.status === 'draft') {
      throw notFound('DOCUMENT_NOT_FOUND', 'No such invoice.');
    }
    return document;
  }

  /** What the pay page needs: the invoice, its balance, how the company takes cards, the payer's saved cards. */
  async payOptions(principal: PortalPrincipal, jobId: string, documentId: string) {
    const document = await this.portalInvoice(principal, jobId, documentId);
    const [online, settings, payments] = await Promise.all([this.onlineSettings(principal.companyId), this.settings(principal.companyId), repo.paymentsForDocument(this.ctx.db, principal.companyId, documentId)]);
    const savedCards = online.available && principal.role !== 'job_link' ? await this.savedCardsOf(principal.companyId, document.customer_id, online.provider) : [];
    return {
      invoice: await this.invoiceSummary(document),
      paymentsEnabled: online.available,
      provider: online.available ? online.provider : null,
      collectsCard: online.available && this.provider(online.provider).collectsCardInArrivo,
      allowPartialPayments: settings.allowPartialPayments,
      // Demo and test installations pay with Stripe's test cards; say so on the form.
      testMode: online.provider === 'offline' || Boolean(this.ctx.config.stripe?.secretKey.startsWith('sk_test_')),
      canSaveCard: principal.role !== 'job_link',
      savedCards,
      payments: (await this.toDtos(principal.companyId, payments)).filter((p) => p.status !== 'canceled'),
    };
  }

  /**
   * Pays an invoice, charged once whatever the clicks: a request with an Idempotency-Key already
   * seen answers that attempt; an invoice has at most one open attempt (a unique key), reused by
   * every tab paying the same amount; the provider call's idempotency key derives from the attempt.
   */
  async pay(principal: PortalPrincipal, jobId: string, documentId: string, input: PayInput): Promise<PaymentDto> {
    const document = await this.portalInvoice(principal, jobId, documentId);
    if (input.idempotencyKey) {
      const seen = await repo.findByClientKey(this.ctx.db, principal.companyId, documentId, input.idempotencyKey);
      if (seen) return this.continueAttempt(principal, seen, input);
    }
    const online = await this.onlineSettings(principal.companyId);
    if (!online.available) throw conflict('PAYMENTS_DISABLED', 'This company does not take payments online; please pay as agreed with them.');
    const provider = this.provider(online.provider);
    if (provider.collectsCardInArrivo && !input.card && !input.paymentMethodId) throw invalidField('card.number', 'is required');

    for (let round = 0; round < 5; round++) {
      const outcome = await this.openAttempt(principal, document.id, online.provider, input);
      if (outcome.kind === 'attempt') return this.continueAttempt(principal, outcome.payment, input);
      // An open attempt for another amount: cancel it at the provider (unless it got paid meanwhile) and start again.
      await this.cancelStaleAttempt(outcome.payment);
    }
    throw conflict('PAYMENT_IN_PROGRESS', 'Another payment of this invoice is in progress; wait a moment and reload.');
  }

  private async openAttempt(principal: PortalPrincipal, documentId: string, providerName: ProviderName, input: PayInput): Promise<{ kind: 'attempt' | 'stale'; payment: PaymentRow }> {
    const settings = await this.settings(principal.companyId);
    try {
      return await this.ctx.db.transaction().execute(async (trx) => {
        const document = await repo.lockDocument(trx, this.ctx.dbKind, principal.companyId, documentId);
        if (!document) throw notFound('DOCUMENT_NOT_FOUND', 'No such invoice.');
        const open = await repo.findOpenAttempt(trx, documentId);
        const balance = document.total_minor - document.amount_paid_minor;
        if (document.status === 'void') throw conflict('INVOICE_VOID', 'This invoice was cancelled; there is nothing to pay.');
        if (document.status === 'paid' || (balance <= 0 && !open)) throw conflict('INVOICE_PAID', 'This invoice is already paid.');
        if (document.status !== 'open') throw conflict('INVOICE_NOT_OPEN', 'This invoice cannot be paid yet.');
        const amount = input.amount ?? (open ? open.amount_minor : balance);
        if (!Number.isSafeInteger(amount) || amount <= 0) throw invalidField('amount', 'must be a positive amount in minor units (cents)');
        if (open) {
          if (open.amount_minor === amount && open.provider === providerName) return { kind: 'attempt' as const, payment: open };
          return { kind: 'stale' as const, payment: open };
        }
        if (amount > balance) throw invalidField('amount', `must not exceed the balance of ${formatMoney(balance, document.currency)}`);
        if (amount !== balance && !settings.allowPartialPayments) throw invalidField('amount', 'must be the full balance: this company does not take partial payments');
        const now = this.now();
        const payment = {
          id: newId(),
          company_id: principal.companyId,
          document_id: documentId,
          job_id: document.job_id,
          customer_id: document.customer_id,
          method: 'card' as const,
          provider: providerName,
          provider_payment_id: null,
          checkout_session_id: null,
          checkout_url: null,
          status: 'pending' as const,
          amount_minor: amount,
          currency: document.currency,
          amount_refunded_minor: 0,
          open_key: documentId,
          client_key: input.idempotencyKey ?? null,
          failure_message: null,
          card_brand: null,
          card_last4: null,
          reference: null,
          note: null,
          save_method: input.savePaymentMethod && principal.role !== 'job_link' ? 1 : 0,
          autopay: 0,
          payer_contact_id: principal.contactId,
          recorded_by: null,
          receipt_number: null,
          succeeded_at: null,
          created_at: now,
          updated_at: now,
        };
        await repo.insertPayment(trx, payment);
        return { kind: 'attempt' as const, payment: (await repo.findPayment(trx, principal.companyId, payment.id))! };
      });
    } catch (error) {
      // Another request opened the attempt (or used this key) a moment ago: take theirs.
      if (isUniqueViolation(error)) {
        const byKey = input.idempotencyKey ? await repo.findByClientKey(this.ctx.db, principal.companyId, documentId, input.idempotencyKey) : undefined;
        const open = byKey ?? (await repo.findOpenAttempt(this.ctx.db, documentId));
        if (open) return { kind: 'attempt', payment: open };
        return this.openAttempt(principal, documentId, providerName, input);
      }
      throw error;
    }
  }

  /** Creates the attempt at the provider (idempotently), charges the card typed in Arrivo's form, answers the attempt as it stands. */
  private async continueAttempt(principal: PortalPrincipal, attempt: PaymentRow, input: PayInput): Promise<PaymentDto> {
    let payment = attempt;
    const providerName = payment.provider;
    if (payment.status === 'pending' && providerName) {
      const provider = this.provider(providerName);
      if (!payment.provider_payment_id && !payment.checkout_session_id) {
        const document = (await repo.findDocument(this.ctx.db, payment.company_id, payment.document_id))!;
        const customerRef = payment.save_method === 1 ? await this.ensureProfile(payment.company_id, payment.customer_id, providerName) : null;
        const payer = payment.payer_contact_id ? await this.ctx.db.selectFrom('contacts').select(['email']).where('id', '=', payment.payer_contact_id).executeTakeFirst() : undefined;
        const back = `${this.ctx.config.publicUrl}/portal/jobs/${payment.job_id}/documents/${payment.document_id}/pay`;
        const created = await provider.createPayment({
          idempotencyKey: `pay:${payment.id}`,
          paymentId: payment.id,
          amountMinor: payment.amount_minor,
          currency: payment.currency,
          description: `Invoice ${document.number}`,
          metadata: { paymentId: payment.id, documentId: payment.document_id, companyId: payment.company_id },
          customerRef,
          savePaymentMethod: payment.save_method === 1,
          returnUrl: `${back}?payment=${payment.id}`,
          cancelUrl: `${back}?payment=${payment.id}&cancelled=1`,
          payerEmail: payer?.email ?? null,
        });
        await this.ctx.db
          .updateTable('payments')
          .set({ provider_payment_id: created.providerPaymentId, checkout_session_id: created.checkoutSessionId, checkout_url: created.redirectUrl, updated_at: this.now() })
          .where('id', '=', payment.id)
          .where('provider_payment_id', 'is', null)
          .where('checkout_session_id', 'is', null)
          // Withdrawn meanwhile (another tab chose another amount): it stays withdrawn, unconfirmed.
          .where('status', '=', 'pending')
          .execute();
        payment = (await repo.findPayment(this.ctx.db, payment.company_id, payment.id))!;
      }
      if (provider.collectsCardInArrivo && payment.status === 'pending' && payment.provider_payment_id) {
        let events: NormalisedEvent[];
        try {
          if (input.paymentMethodId) {
            const profile = await this.ensureProfile(payment.company_id, payment.customer_id, providerName);
            events = (
              await provider.chargeSavedMethod({
                idempotencyKey: `pay:${payment.id}:saved`,
                paymentId: payment.id,
                customerRef: profile,
                paymentMethodId: input.paymentMethodId,
                amountMinor: payment.amount_minor,
                currency: payment.currency,
                description: `Invoice payment ${payment.id}`,
                metadata: { paymentId: payment.id },
              })
            ).events;
            // The saved-card charge made its own provider payment: the attempt follows it.
            await this.ctx.db.updateTable('payments').set({ provider_payment_id: events[0]!.providerPaymentId }).where('id', '=', payment.id).where('status', '=', 'pending').execute();
          } else if (input.card) {
            const saveFor = payment.save_method === 1 ? await this.ensureProfile(payment.company_id, payment.customer_id, providerName) : null;
            events = await provider.confirmWithCard(payment.provider_payment_id, input.card, { idempotencyKey: `pay:${payment.id}:confirm`, saveForCustomerRef: saveFor });
          } else {
            events = [];
          }
        } catch (error) {
          if (error instanceof CardDeclinedError && error.field) throw invalidField(error.field, error.message.replace(/\.$/, '').toLowerCase());
          throw error;
        }
        for (const event of events) await this.processEvent(provider.name, event);
        payment = (await repo.findPayment(this.ctx.db, payment.company_id, payment.id))!;
      }
    }
    return (await this.toDtos(principal.companyId, [payment]))[0]!;
  }

  /** Withdraws an open attempt for another amount, unless it was paid meanwhile (then it is reconciled as paid). */
  private async cancelStaleAttempt(payment: PaymentRow) {
    const now = this.now();
    const cancelled =
      !payment.provider || (!payment.provider_payment_id && !payment.checkout_session_id)
        ? true
        : await this.provider(payment.provider).cancelPayment({ providerPaymentId: payment.provider_payment_id, checkoutSessionId: payment.checkout_session_id, idempotencyKey: `cancel:${payment.id}` });
    if (cancelled) {
      await this.ctx.db.updateTable('payments').set({ status: 'canceled', open_key: null, updated_at: now }).where('id', '=', payment.id).where('status', '=', 'pending').execute();
      return;
    }
    const current = (await repo.findPayment(this.ctx.db, payment.company_id, payment.id))!;
    if (current.provider && (current.provider_payment_id || current.checkout_session_id)) {
      await this.processEvent(current.provider, { eventId: `arrivo_reconcile_${payment.id}_${Date.now()}`, type: 'arrivo.reconcile', paymentId: payment.id, providerPaymentId: current.provider_payment_id, checkoutSessionId: current.checkout_session_id });
    }
    const after = (await repo.findPayment(this.ctx.db, payment.company_id, payment.id))!;
    if (after.status === 'pending') throw conflict('PAYMENT_IN_PROGRESS', 'Another payment of this invoice is in progress; wait a moment and reload.');
  }

  /** One payment, for the pay page's "processing" state (it polls until the webhook settled it). */
  async portalPayment(principal: PortalPrincipal, jobId: string, paymentId: string): Promise<PaymentDto> {
    const payment = await this.requirePortalPayment(principal, jobId, paymentId);
    return (await this.toDtos(principal.companyId, [payment]))[0]!;
  }

  async requirePortalPayment(principal: PortalPrincipal, jobId: string, paymentId: string) {
    const job = await this.deps.portal.requireJobAccess(principal, jobId);
    const payment = await repo.findPayment(this.ctx.db, principal.companyId, paymentId);
    if (!payment || payment.job_id !== jobId || payment.customer_id !== job.customer_id) throw notFound('PAYMENT_NOT_FOUND', 'No such payment.');
    const document = await repo.findDocument(this.ctx.db, principal.companyId, payment.document_id);
    if (!document || document.shared !== 1) throw notFound('PAYMENT_NOT_FOUND', 'No such payment.');
    return payment;
  }

  // ---------------------------------------------------------------- provider events

  /** A Stripe webhook: verified over the raw body, then processed once. */
  async handleStripeWebhook(rawBody: Buffer, signature: string | undefined) {
    if (!this.stripe) throw new AppError(404, 'PAYMENTS_UNAVAILABLE', 'Stripe is not configured on this installation.');
    let event: NormalisedEvent;
    try {
      event = this.stripe.parseWebhook(rawBody, signature);
    } catch (error) {
      if (error instanceof WebhookSignatureError) throw new AppError(400, 'WEBHOOK_SIGNATURE_INVALID', 'The webhook signature does not match.');
      throw error;
    }
    return this.processEvent('stripe', event);
  }

  /**
   * Processes one provider event at most once. The event only says which payment to look at: the
   * provider's current view of it decides (a late `payment_failed` after success, or a
   * `succeeded` after `charge.refunded`, changes nothing).
   */
  async processEvent(providerName: ProviderName, event: NormalisedEvent): Promise<{ duplicate: boolean; paymentId: string | null }> {
    const seen = await this.ctx.db.selectFrom('payment_webhook_events').select('event_id').where('provider', '=', providerName).where('event_id', '=', event.eventId).executeTakeFirst();
    if (seen) return { duplicate: true, paymentId: null };
    let payment = event.paymentId || event.providerPaymentId || event.checkoutSessionId ? await repo.findPaymentForEvent(this.ctx.db, providerName, event) : undefined;
    const provider = this.provider(providerName);
    let state: ProviderPaymentState | null = null;
    if (!payment && event.providerPaymentId) {
      // A refund or charge event can name a PaymentIntent Arrivo has not linked yet (Checkout made it): its metadata says whose it is.
      state = await provider.retrievePayment(event.providerPaymentId);
      if (state.paymentId) payment = await repo.findPaymentForEvent(this.ctx.db, providerName, { paymentId: state.paymentId, providerPaymentId: null, checkoutSessionId: null });
    }
    if (payment && !state) {
      let providerPaymentId = payment.provider_payment_id ?? event.providerPaymentId;
      if (!providerPaymentId && payment.checkout_session_id) providerPaymentId = await provider.paymentOfCheckout(payment.checkout_session_id);
      if (providerPaymentId) state = await provider.retrievePayment(providerPaymentId);
      else if (event.type === 'checkout.session.expired') state = { providerPaymentId: '', status: 'canceled', amountMinor: payment.amount_minor, currency: payment.currency, amountReceivedMinor: 0, refunds: [], failureMessage: 'The checkout expired.', card: null, paymentMethodId: null, paymentId: payment.id };
    }
    const published = await this.ctx.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('payment_webhook_events')
        .values({ provider: providerName, event_id: event.eventId, type: event.type, payment_id: payment?.id ?? null, received_at: this.now() })
        .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 1) === 0) return null;
      if (!payment || !state) return [];
      return this.reconcile(trx, payment.id, state);
    });
    if (published === null) return { duplicate: true, paymentId: payment?.id ?? null };
    await this.ctx.bus.publish(published);
    if (payment) await this.afterSettled(payment.id);
    return { duplicate: false, paymentId: payment?.id ?? null };
  }

  /**
   * Brings one payment, its refunds and its invoice to the provider's current state. Monotonic:
   * a succeeded payment never goes back; refunds only grow. Returns the events to publish.
   */
  private async reconcile(trx: Trx, paymentId: string, state: ProviderPaymentState): Promise<DomainEvent[]> {
    // Invoice first, then payment: the same order as every other change, so two never deadlock.
    const unlocked = await trx.selectFrom('payments').select(['company_id', 'document_id']).where('id', '=', paymentId).executeTakeFirst();
    if (!unlocked) return [];
    const document = (await repo.lockDocument(trx, this.ctx.dbKind, unlocked.company_id, unlocked.document_id))!;
    const payment = (await repo.lockPayment(trx, this.ctx.dbKind, paymentId))!;
    const now = this.now();
    const events: DomainEvent[] = [];
    const actor = await this.payerActor(trx, payment);
    const patch: Partial<PaymentRow> = {};
    if (state.providerPaymentId && payment.provider_payment_id !== state.providerPaymentId) patch.provider_payment_id = state.providerPaymentId;
    if (state.card) Object.assign(patch, { card_brand: state.card.brand, card_last4: state.card.last4 });

    const succeededNow = payment.status !== 'succeeded' && state.status === 'succeeded' && state.amountReceivedMinor > 0;
    if (succeededNow) {
      Object.assign(patch, {
        status: 'succeeded',
        amount_minor: state.amountReceivedMinor,
        open_key: null,
        failure_message: null,
        succeeded_at: now,
        receipt_number: `RCT-${String(await nextCounterValue(trx, payment.company_id, 'receipt')).padStart(5, '0')}`,
      });
    } else if (payment.status === 'pending' && (state.status === 'failed' || state.status === 'canceled')) {
      Object.assign(patch, { status: state.status, open_key: null, failure_message: state.failureMessage });
    }
    if (Object.keys(patch).length > 0) await repo.updatePayment(trx, payment.id, { ...patch, updated_at: now });

    // Refunds: matched by the provider's id, or by the id Arrivo gave the refund it asked for.
    const newlyRefunded: PaymentRefundRow[] = [];
    const ours = await repo.listRefunds(trx, [payment.id]);
    for (const refund of state.refunds) {
      const mine = ours.find((r) => r.provider_refund_id === refund.providerRefundId) ?? ours.find((r) => r.status === 'pending' && !r.provider_refund_id && r.amount_minor === refund.amountMinor);
      if (mine) {
        if (mine.status !== refund.status && mine.status !== 'succeeded') {
          await trx.updateTable('payment_refunds').set({ status: refund.status, provider_refund_id: refund.providerRefundId, updated_at: now }).where('id', '=', mine.id).execute();
          if (refund.status === 'succeeded') newlyRefunded.push({ ...mine, status: 'succeeded' });
        } else if (!mine.provider_refund_id) {
          await trx.updateTable('payment_refunds').set({ provider_refund_id: refund.providerRefundId, updated_at: now }).where('id', '=', mine.id).execute();
        }
        continue;
      }
      // A refund made at the provider (its dashboard): recorded as it is.
      const row = { id: newId(), company_id: payment.company_id, payment_id: payment.id, amount_minor: refund.amountMinor, status: refund.status, provider_refund_id: refund.providerRefundId, reason: null, recorded_by: null, created_at: now, updated_at: now };
      await repo.insertRefund(trx, row);
      if (refund.status === 'succeeded') newlyRefunded.push(row);
    }

    const current = (await repo.lockPayment(trx, this.ctx.dbKind, payment.id))!;
    events.push(...(await this.settleDocument(trx, document, current, actor, { received: succeededNow, refunds: newlyRefunded })));
    return events;
  }

  /**
   * Recomputes the invoice from its rows (paid = succeeded payments − succeeded refunds, so the
   * balance always equals total − payments), moves it between 'open' and 'paid', and records the
   * steps on the job's timeline with their domain events.
   */
  private async settleDocument(trx: Trx, document: BillingDocumentRow, payment: PaymentRow, actor: Actor, what: { received: boolean; refunds: PaymentRefundRow[] }): Promise<DomainEvent[]> {
    const now = this.now();
    const paid = await repo.amountPaid(trx, document.id);
    const refundedRows = await repo.listRefunds(trx, [payment.id]);
    const refundedTotal = refundedRows.filter((r) => r.status === 'succeeded').reduce((sum, r) => sum + r.amount_minor, 0);
    if (refundedTotal !== payment.amount_refunded_minor) await repo.updatePayment(trx, payment.id, { amount_refunded_minor: refundedTotal, updated_at: now });
    let status = document.status;
    let paidAt = document.paid_at;
    if (document.status === 'open' || document.status === 'paid') {
      status = paid >= document.total_minor ? 'paid' : 'open';
      if (status === 'paid' && document.status !== 'paid') paidAt = now;
      if (status === 'open') paidAt = null;
    }
    await trx
      .updateTable('billing_documents')
      .set({ amount_paid_minor: paid, status, paid_at: paidAt, updated_at: now })
      .where('id', '=', document.id)
      .execute();
    const base = { documentId: document.id, documentNumber: document.number, number: document.number, paymentId: payment.id, currency: document.currency };
    const events: DomainEvent[] = [];
    if (what.received) {
      events.push(
        await this.record(trx, document, actor, 'payment.received', 'customer', {
          ...base,
          amountMinor: payment.amount_minor,
          method: payment.method,
          receiptNumber: payment.receipt_number,
          balanceMinor: document.total_minor - paid,
        }),
      );
    }
    for (const refund of what.refunds) {
      events.push(await this.record(trx, document, actor, 'payment.refunded', 'customer', { ...base, refundId: refund.id, amountMinor: refund.amount_minor, balanceMinor: document.total_minor - paid }));
    }
    if (status === 'paid' && document.status !== 'paid') {
      events.push(await this.record(trx, document, actor, 'invoice.paid', 'customer', { ...base, amountMinor: document.total_minor }));
    } else if (status === 'open' && document.status === 'paid') {
      events.push(await this.record(trx, document, actor, 'invoice.reopened', 'staff', { ...base, amountMinor: document.total_minor - paid }));
    }
    return events;
  }

  /** A job timeline entry and its domain event, dispatched inside the transaction (notifications, live updates). */
  private async record(trx: Trx, document: BillingDocumentRow, actor: Actor, type: string, visibility: 'customer' | 'staff', data: Record<string, unknown>): Promise<DomainEvent> {
    const id = newId();
    const at = this.now();
    await insertTimelineEvent(trx, {
      id,
      company_id: document.company_id,
      job_id: document.job_id,
      type,
      visibility,
      actor_kind: actor.kind,
      actor_id: actor.id,
      actor_name: actor.name,
      data: JSON.stringify(data),
      created_at: at,
    });
    const dueDate = document.due_at ? { dueAt: document.due_at } : {};
    const event: DomainEvent = { type, companyId: document.company_id, jobId: document.job_id, timelineEventId: id, actor, data: { ...data, ...dueDate, visibility }, occurredAt: at };
    await this.ctx.bus.dispatchInTransaction(trx, event);
    return event;
  }

  private async payerActor(trx: Trx, payment: PaymentRow): Promise<Actor> {
    if (payment.payer_contact_id) {
      const contact = await trx.selectFrom('contacts').select(['id', 'name']).where('id', '=', payment.payer_contact_id).executeTakeFirst();
      if (contact) return { kind: 'contact', id: contact.id, name: contact.name };
    }
    if (payment.recorded_by) {
      const user = await trx.selectFrom('users').select(['id', 'name']).where('id', '=', payment.recorded_by).executeTakeFirst();
      if (user) return { kind: 'user', id: user.id, name: user.name };
    }
    if (payment.autopay === 1) {
      // Auto-pay acts for the customer: "García household paid invoice INV-00042".
      const customer = await trx.selectFrom('customers').select('name').where('id', '=', payment.customer_id).executeTakeFirstOrThrow();
      return { kind: 'system', id: null, name: customer.name };
    }
    const company = await trx.selectFrom('companies').select('name').where('id', '=', payment.company_id).executeTakeFirstOrThrow();
    return { kind: 'system', id: null, name: company.name };
  }

  /** Once a card payment succeeded: remember the card it saved as the customer's default. */
  private async afterSettled(paymentId: string) {
    const payment = await this.ctx.db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
    if (!payment || payment.status !== 'succeeded' || payment.save_method !== 1 || !payment.provider || !payment.provider_payment_id) return;
    const state = await this.provider(payment.provider).retrievePayment(payment.provider_payment_id);
    if (!state.paymentMethodId) return;
    await this.ctx.db
      .updateTable('payment_profiles')
      .set({ default_payment_method_id: state.paymentMethodId, updated_at: this.now() })
      .where('company_id', '=', payment.company_id)
      .where('customer_id', '=', payment.customer_id)
      .where('provider', '=', payment.provider)
      .where('default_payment_method_id', 'is', null)
      .execute();
  }

  // ---------------------------------------------------------------- staff: record, refund, lists

  /** Records a payment received outside Arrivo (cash, check, transfer, a card machine): partial allowed, never more than the balance. */
  async recordPayment(staff: StaffPrincipal, documentId: string, input: RecordPaymentInput): Promise<PaymentDto> {
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw invalidField('amount', 'must be a positive amount in minor units (cents)');
    const { id, events } = await this.ctx.db.transaction().execute(async (trx) => {
      const document = await repo.lockDocument(trx, this.ctx.dbKind, staff.companyId, documentId);
      if (!document || document.kind !== 'invoice') throw notFound('DOCUMENT_NOT_FOUND', 'No such invoice.');
      if (document.status === 'void') throw conflict('INVOICE_VOID', 'This invoice was cancelled.');
      if (document.status === 'paid') throw conflict('INVOICE_PAID', 'This invoice is already paid.');
      if (document.status !== 'open') throw conflict('INVOICE_NOT_OPEN', 'Issue the invoice before recording a payment on it.');
      const balance = document.total_minor - document.amount_paid_minor;
      if (input.amount > balance) throw invalidField('amount', `must not exceed the balance of ${formatMoney(balance, document.currency)}`);
      const now = this.now();
      const payment = {
        id: newId(),
        company_id: staff.companyId,
        document_id: document.id,
        job_id: document.job_id,
        customer_id: document.customer_id,
        method: input.method,
        provider: null,
        provider_payment_id: null,
        checkout_session_id: null,
        checkout_url: null,
        status: 'succeeded' as const,
        amount_minor: input.amount,
        currency: document.currency,
        amount_refunded_minor: 0,
        open_key: null,
        client_key: null,
        failure_message: null,
        card_brand: null,
        card_last4: null,
        reference: input.reference?.trim() || null,
        note: input.note?.trim() || null,
        save_method: 0,
        autopay: 0,
        payer_contact_id: null,
        recorded_by: staff.userId,
        receipt_number: `RCT-${String(await nextCounterValue(trx, staff.companyId, 'receipt')).padStart(5, '0')}`,
        succeeded_at: input.receivedAt ?? now,
        created_at: now,
        updated_at: now,
      };
      await repo.insertPayment(trx, payment);
      const events = await this.settleDocument(trx, document, payment, actorOf(staff), { received: true, refunds: [] });
      return { id: payment.id, events };
    });
    await this.ctx.bus.publish(events);
    return this.staffPayment(staff.companyId, id);
  }

  /** Refunds all or part of a payment: through the provider for card payments, recorded for the others; never more than was paid. */
  async refund(staff: StaffPrincipal, paymentId: string, input: { amount: number; reason?: string | null }): Promise<PaymentDto> {
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw invalidField('amount', 'must be a positive amount in minor units (cents)');
    const refundId = newId();
    const { payment, events } = await this.ctx.db.transaction().execute(async (trx) => {
      const found = await repo.findPayment(trx, staff.companyId, paymentId);
      if (!found) throw notFound('PAYMENT_NOT_FOUND', 'No such payment.');
      const document = (await repo.lockDocument(trx, this.ctx.dbKind, staff.companyId, found.document_id))!;
      const payment = (await repo.lockPayment(trx, this.ctx.dbKind, paymentId))!;
      if (payment.status !== 'succeeded') throw conflict('PAYMENT_NOT_SUCCEEDED', 'Only a payment that went through can be refunded.');
      if (payment.provider && !payment.provider_payment_id) throw conflict('PAYMENT_NOT_SETTLED', 'The card processor has not confirmed this payment yet; try again in a moment.');
      const refundable = payment.amount_minor - (await repo.refundedOrPending(trx, payment.id));
      if (input.amount > refundable) throw invalidField('amount', `must not exceed what is left to refund on this payment (${formatMoney(refundable, payment.currency)})`);
      const now = this.now();
      // A card payment's refund is pending until the provider confirms it; a manual one is done.
      const row = {
        id: refundId,
        company_id: staff.companyId,
        payment_id: payment.id,
        amount_minor: input.amount,
        status: payment.provider ? ('pending' as const) : ('succeeded' as const),
        provider_refund_id: null,
        reason: input.reason?.trim() || null,
        recorded_by: staff.userId,
        created_at: now,
        updated_at: now,
      };
      await repo.insertRefund(trx, row);
      const events = payment.provider ? [] : await this.settleDocument(trx, document, payment, actorOf(staff), { received: false, refunds: [row] });
      return { payment, events };
    });
    await this.ctx.bus.publish(events);
    if (payment.provider && payment.provider_payment_id) {
      const provider = this.provider(payment.provider);
      try {
        const result = await provider.refund({ providerPaymentId: payment.provider_payment_id, amountMinor: input.amount, idempotencyKey: `refund:${refundId}`, paymentId: payment.id });
        await this.ctx.db.updateTable('payment_refunds').set({ provider_refund_id: result.providerRefundId, updated_at: this.now() }).where('id', '=', refundId).where('provider_refund_id', 'is', null).execute();
        for (const event of result.events) await this.processEvent(provider.name, event);
        // Stripe confirms by webhook; reading the payment now settles it already when the refund went through at once.
        await this.reconcileNow(payment);
      } catch (error) {
        await this.ctx.db.updateTable('payment_refunds').set({ status: 'failed', updated_at: this.now() }).where('id', '=', refundId).where('status', '=', 'pending').execute();
        this.ctx.logger.error({ err: error, paymentId }, 'refund failed at the provider');
        throw new AppError(502, 'REFUND_FAILED', 'The card processor refused the refund; nothing was refunded. Try again or refund another way.');
      }
    }
    return this.staffPayment(staff.companyId, paymentId);
  }

  /** Reads the provider's view of a payment and reconciles to it, outside any webhook. */
  private async reconcileNow(payment: PaymentRow) {
    if (!payment.provider || !payment.provider_payment_id) return;
    const state = await this.provider(payment.provider).retrievePayment(payment.provider_payment_id);
    const events = await this.ctx.db.transaction().execute((trx) => this.reconcile(trx, payment.id, state));
    await this.ctx.bus.publish(events);
  }

  async staffPayment(companyId: string, paymentId: string): Promise<PaymentDto> {
    const payment = await repo.findPayment(this.ctx.db, companyId, paymentId);
    if (!payment) throw notFound('PAYMENT_NOT_FOUND', 'No such payment.');
    return (await this.toDtos(companyId, [payment]))[0]!;
  }

  async listPayments(companyId: string, query: { from?: string; to?: string; status?: PaymentRow['status']; documentId?: string; customerId?: string; limit: number }) {
    let q = repo.paymentsQuery(this.ctx.db, companyId);
    if (query.from) q = q.where('payments.created_at', '>=', query.from);
    if (query.to) q = q.where('payments.created_at', '<', query.to);
    if (query.status) q = q.where('payments.status', '=', query.status);
    else q = q.where('payments.status', 'in', ['succeeded', 'pending', 'failed']);
    if (query.documentId) q = q.where('payments.document_id', '=', query.documentId);
    if (query.customerId) q = q.where('payments.customer_id', '=', query.customerId);
    const rows = await q.orderBy('payments.created_at', 'desc').orderBy('payments.id', 'desc').limit(query.limit).execute();
    return this.toDtosWithNames(rows);
  }

  async listInvoices(companyId: string, query: { status?: 'open' | 'paid' | 'void' | 'overdue'; customerId?: string; from?: string; to?: string; limit: number }) {
    const now = this.now();
    let q = repo.invoicesQuery(this.ctx.db, companyId).where('billing_documents.status', '!=', 'draft');
    if (query.status === 'overdue') q = q.where('billing_documents.status', '=', 'open').where('billing_documents.due_at', '<', now);
    else if (query.status) q = q.where('billing_documents.status', '=', query.status);
    if (query.customerId) q = q.where('billing_documents.customer_id', '=', query.customerId);
    if (query.from) q = q.where('billing_documents.issued_at', '>=', query.from);
    if (query.to) q = q.where('billing_documents.issued_at', '<', query.to);
    const rows = await q.orderBy('billing_documents.created_at', 'desc').limit(query.limit).execute();
    return rows.map((r) => this.toInvoiceSummary(r, r.customer_name, r.job_reference));
  }

  async receiptData(companyId: string, paymentId: string) {
    const payment = await repo.findPayment(this.ctx.db, companyId, paymentId);
    if (!payment || payment.status !== 'succeeded') throw notFound('PAYMENT_NOT_FOUND', 'No receipt for this payment.');
    const [dto] = await this.toDtos(companyId, [payment]);
    const document = (await repo.findDocument(this.ctx.db, companyId, payment.document_id))!;
    const company = await this.ctx.db.selectFrom('companies').selectAll().where('id', '=', companyId).executeTakeFirstOrThrow();
    return { payment: dto!, document, company };
  }

  // ---------------------------------------------------------------- shared helpers

  private toInvoiceSummary(row: BillingDocumentRow, customerName: string, jobReference: string): InvoiceSummaryDto {
    const balance = row.total_minor - row.amount_paid_minor;
    return {
      id: row.id,
      number: row.number,
      jobId: row.job_id,
      jobReference,
      customerId: row.customer_id,
      customerName,
      title: row.title,
      status: row.status,
      shared: row.shared === 1,
      currency: row.currency,
      totalMinor: row.total_minor,
      amountPaidMinor: row.amount_paid_minor,
      balanceMinor: row.status === 'void' ? 0 : balance,
      issuedAt: row.issued_at,
      dueAt: row.due_at,
      paidAt: row.paid_at,
      overdue: row.status === 'open' && row.due_at !== null && row.due_at < this.now(),
    };
  }

  async invoiceSummary(document: BillingDocumentRow): Promise<InvoiceSummaryDto> {
    const names = await this.ctx.db
      .selectFrom('jobs')
      .innerJoin('customers', 'customers.id', 'jobs.customer_id')
      .select(['jobs.reference', 'customers.name'])
      .where('jobs.id', '=', document.job_id)
      .executeTakeFirstOrThrow();
    return this.toInvoiceSummary(document, names.name, names.reference);
  }

  private async toDtos(companyId: string, payments: PaymentRow[]): Promise<PaymentDto[]> {
    if (payments.length === 0) return [];
    const rows = await repo
      .paymentsQuery(this.ctx.db, companyId)
      .where(
        'payments.id',
        'in',
        payments.map((p) => p.id),
      )
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return this.toDtosWithNames(payments.map((p) => byId.get(p.id)!).filter(Boolean));
  }

  private async toDtosWithNames(rows: PaymentWithNames[]): Promise<PaymentDto[]> {
    const refunds = await repo.listRefunds(
      this.ctx.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      documentId: r.document_id,
      documentNumber: r.document_number,
      jobId: r.job_id,
      jobReference: r.job_reference,
      customerId: r.customer_id,
      customerName: r.customer_name,
      method: r.method,
      provider: r.provider,
      status: r.status,
      amountMinor: r.amount_minor,
      amountRefundedMinor: r.amount_refunded_minor,
      currency: r.currency,
      cardBrand: r.card_brand,
      cardLast4: r.card_last4,
      reference: r.reference,
      note: r.note,
      failureMessage: r.failure_message,
      receiptNumber: r.receipt_number,
      succeededAt: r.succeeded_at,
      createdAt: r.created_at,
      redirectUrl: r.status === 'pending' ? r.checkout_url : null,
      autopay: r.autopay === 1,
      refunds: refunds
        .filter((x) => x.payment_id === r.id)
        .map((x) => ({ id: x.id, amountMinor: x.amount_minor, status: x.status, reason: x.reason, createdAt: x.created_at })),
    }));
  }

  // ---------------------------------------------------------------- saved cards

  /** The customer's account at the provider, opened on first use (the idempotency key makes it once). */
  async ensureProfile(companyId: string, customerId: string, providerName: ProviderName): Promise<string> {
    const existing = await repo.findProfile(this.ctx.db, companyId, customerId, providerName);
    if (existing) return existing.provider_customer_ref;
    const customer = await this.ctx.db.selectFrom('customers').select(['name']).where('id', '=', customerId).executeTakeFirstOrThrow();
    const contact = await this.ctx.db.selectFrom('contacts').select('email').where('customer_id', '=', customerId).where('email', 'is not', null).orderBy('created_at').executeTakeFirst();
    const ref = await this.provider(providerName).ensureCustomer({ idempotencyKey: `customer:${companyId}:${customerId}`, name: customer.name, email: contact?.email ?? null, companyId, customerId });
    await this.ctx.db
      .insertInto('payment_profiles')
      .values({ company_id: companyId, customer_id: customerId, provider: providerName, provider_customer_ref: ref, default_payment_method_id: null, autopay_enabled: 0, updated_at: this.now() })
      .onConflict((oc) => oc.columns(['company_id', 'customer_id', 'provider']).doNothing())
      .execute();
    return (await repo.findProfile(this.ctx.db, companyId, customerId, providerName))!.provider_customer_ref;
  }

  async savedCardsOf(companyId: string, customerId: string, providerName: ProviderName) {
    const profile = await repo.findProfile(this.ctx.db, companyId, customerId, providerName);
    if (!profile) return [];
    const cards = await this.provider(providerName).listPaymentMethods(profile.provider_customer_ref);
    return cards.map((c) => ({ ...c, isDefault: c.paymentMethodId === profile.default_payment_method_id }));
  }

  async removeSavedCard(companyId: string, customerId: string, paymentMethodId: string) {
    const online = await this.onlineSettings(companyId);
    const cards = await this.savedCardsOf(companyId, customerId, online.provider);
    if (!cards.some((c) => c.paymentMethodId === paymentMethodId)) throw notFound('PAYMENT_METHOD_NOT_FOUND', 'No such saved card.');
    await this.provider(online.provider).detachPaymentMethod(paymentMethodId, `detach:${paymentMethodId}`);
    const remaining = cards.filter((c) => c.paymentMethodId !== paymentMethodId);
    await this.ctx.db
      .updateTable('payment_profiles')
      .set({ default_payment_method_id: remaining[0]?.paymentMethodId ?? null, ...(remaining.length === 0 ? { autopay_enabled: 0 } : {}), updated_at: this.now() })
      .where('company_id', '=', companyId)
      .where('customer_id', '=', customerId)
      .where('provider', '=', online.provider)
      .execute();
  }

  // ---------------------------------------------------------------- receipts, exports, the Billing page

  /** The receipt PDF of a succeeded payment, on the company's branded page. */
  async receiptPdf(companyId: string, paymentId: string): Promise<{ fileName: string; pdf: Buffer }> {
    const { payment, document, company } = await this.receiptData(companyId, paymentId);
    const [customer, billing, location] = await Promise.all([
      this.ctx.db.selectFrom('customers').select(['name']).where('id', '=', payment.customerId).executeTakeFirstOrThrow(),
      this.ctx.db.selectFrom('billing_settings').select('pdf_footer').where('company_id', '=', companyId).executeTakeFirst(),
      this.ctx.db
        .selectFrom('jobs')
        .innerJoin('locations', 'locations.id', 'jobs.location_id')
        .select(['locations.line1', 'locations.line2', 'locations.city', 'locations.postal_code'])
        .where('jobs.id', '=', payment.jobId)
        .executeTakeFirst(),
    ]);
    const pdf = await renderReceiptPdf({
      payment,
      document,
      company,
      footer: billing?.pdf_footer ?? '',
      billTo: { name: customer.name, lines: location ? [location.line1, location.line2 ?? '', `${location.city} ${location.postal_code}`].filter(Boolean) : [] },
    });
    return { fileName: `receipt-${payment.receiptNumber ?? payment.id}.pdf`, pdf };
  }

  async exportInvoices(companyId: string, range: { from?: string; to?: string }) {
    return invoicesCsv(await this.listInvoices(companyId, { ...range, limit: 100_000 }));
  }

  async exportPayments(companyId: string, range: { from?: string; to?: string }) {
    return paymentsCsv(await this.listPayments(companyId, { ...range, limit: 100_000 }));
  }

  /**
   * The portal's Billing page for a signed-in contact: what they may see is what their jobs show
   * (a member: the jobs they are on; an organisation admin: the whole organisation's).
   */
  async billingOverview(principal: CustomerPrincipal) {
    const { companyId, customerId } = principal;
    const visibleJobs = (qb: ReturnType<typeof repo.invoicesQuery>) =>
      principal.role === 'customer_admin'
        ? qb
        : qb.where((eb) =>
            eb.exists(
              eb
                .selectFrom('job_contacts')
                .select('job_contacts.job_id')
                .whereRef('job_contacts.job_id', '=', 'billing_documents.job_id')
                .where('job_contacts.contact_id', '=', principal.contactId),
            ),
          );
    const shared = visibleJobs(
      this.ctx.db
        .selectFrom('billing_documents')
        .innerJoin('customers', 'customers.id', 'billing_documents.customer_id')
        .innerJoin('jobs', 'jobs.id', 'billing_documents.job_id')
        .selectAll('billing_documents')
        .select(['customers.name as customer_name', 'jobs.reference as job_reference'])
        .where('billing_documents.company_id', '=', companyId)
        .where('billing_documents.customer_id', '=', customerId)
        .where('billing_documents.shared', '=', 1)
        .where('billing_documents.status', '!=', 'draft') as ReturnType<typeof repo.invoicesQuery>,
    );
    const rows = await shared.orderBy('billing_documents.created_at', 'desc').limit(500).execute();
    const invoices = rows.filter((r) => r.kind === 'invoice' && r.status !== 'void').map((r) => this.toInvoiceSummary(r, r.customer_name, r.job_reference));
    const estimates = rows
      .filter((r) => r.kind === 'estimate' && r.status === 'sent')
      .map((r) => ({ id: r.id, number: r.number, jobId: r.job_id, jobReference: r.job_reference, title: r.title, status: r.status, currency: r.currency, totalMinor: r.total_minor, issuedAt: r.issued_at }));
    const balances = new Map<string, number>();
    for (const invoice of invoices.filter((i) => i.status === 'open')) balances.set(invoice.currency, (balances.get(invoice.currency) ?? 0) + invoice.balanceMinor);
    const invoiceIds = new Set(invoices.map((i) => i.id));
    const paymentRows = await repo.paymentsQuery(this.ctx.db, companyId).where('payments.customer_id', '=', customerId).where('payments.status', '=', 'succeeded').orderBy('payments.created_at', 'desc').limit(200).execute();
    const payments = await this.toDtosWithNames(paymentRows.filter((p) => invoiceIds.has(p.document_id)));
    const online = await this.onlineSettings(companyId);
    const savedCards = online.available ? await this.savedCardsOf(companyId, customerId, online.provider) : [];
    const profile = await repo.findProfile(this.ctx.db, companyId, customerId, online.provider);
    const hasPlan = await this.ctx.db.selectFrom('jobs').select('id').where('company_id', '=', companyId).where('customer_id', '=', customerId).where('service_plan_id', 'is not', null).executeTakeFirst();
    return {
      balances: [...balances].map(([currency, balanceMinor]) => ({ currency, balanceMinor })),
      estimates,
      invoices,
      payments,
      savedCards,
      autopay: { available: online.available && Boolean(hasPlan), enabled: profile?.autopay_enabled === 1 && Boolean(profile.default_payment_method_id) },
      paymentsEnabled: online.available,
    };
  }

  /** Turns auto-pay of recurring-plan invoices on or off; on needs a saved card. */
  async setAutopay(principal: CustomerPrincipal, enabled: boolean) {
    const online = await this.onlineSettings(principal.companyId);
    if (!online.available) throw conflict('PAYMENTS_DISABLED', 'This company does not take payments online.');
    const profile = await repo.findProfile(this.ctx.db, principal.companyId, principal.customerId, online.provider);
    if (enabled && !profile?.default_payment_method_id) throw invalidField('enabled', 'needs a saved card: save one when you next pay an invoice');
    if (profile) {
      await this.ctx.db
        .updateTable('payment_profiles')
        .set({ autopay_enabled: enabled ? 1 : 0, updated_at: this.now() })
        .where('company_id', '=', principal.companyId)
        .where('customer_id', '=', principal.customerId)
        .where('provider', '=', online.provider)
        .execute();
    }
    return { enabled: enabled && Boolean(profile?.default_payment_method_id) };
  }

  /**
   * Auto-pay: when an invoice of a recurring-plan job is shared, the customer's default saved card
   * is charged off-session, with the idempotency key `autopay:<invoiceId>` (one charge per invoice,
   * whatever happens twice). A failure leaves the invoice open and is recorded on the timeline.
   */
  async autopayInvoice(companyId: string, documentId: string): Promise<PaymentDto | null> {
    const document = await repo.findDocument(this.ctx.db, companyId, documentId);
    if (!document || document.kind !== 'invoice' || document.status !== 'open' || document.shared !== 1) return null;
    const job = await this.ctx.db.selectFrom('jobs').select(['service_plan_id']).where('id', '=', document.job_id).executeTakeFirst();
    if (!job?.service_plan_id) return null;
    const online = await this.onlineSettings(companyId);
    if (!online.available) return null;
    const profile = await repo.findProfile(this.ctx.db, companyId, document.customer_id, online.provider);
    if (!profile || profile.autopay_enabled !== 1 || !profile.default_payment_method_id) return null;
    const balance = document.total_minor - document.amount_paid_minor;
    if (balance <= 0) return null;
    const now = this.now();
    const paymentId = newId();
    try {
      await this.ctx.db.transaction().execute((trx) =>
        repo.insertPayment(trx, {
          id: paymentId,
          company_id: companyId,
          document_id: document.id,
          job_id: document.job_id,
          customer_id: document.customer_id,
          method: 'card',
          provider: online.provider,
          provider_payment_id: null,
          checkout_session_id: null,
          checkout_url: null,
          status: 'pending',
          amount_minor: balance,
          currency: document.currency,
          amount_refunded_minor: 0,
          open_key: document.id,
          client_key: `autopay:${document.id}`,
          failure_message: null,
          card_brand: null,
          card_last4: null,
          reference: null,
          note: null,
          save_method: 0,
          autopay: 1,
          payer_contact_id: null,
          recorded_by: null,
          receipt_number: null,
          succeeded_at: null,
          created_at: now,
          updated_at: now,
        }),
      );
    } catch (error) {
      // Auto-pay already ran for this invoice, or the customer is paying it right now.
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    const provider = this.provider(online.provider);
    const charged = await provider.chargeSavedMethod({
      idempotencyKey: `autopay:${document.id}`,
      paymentId,
      customerRef: profile.provider_customer_ref,
      paymentMethodId: profile.default_payment_method_id,
      amountMinor: balance,
      currency: document.currency,
      description: `Invoice ${document.number} (auto-pay)`,
      metadata: { paymentId, documentId: document.id, companyId },
    });
    await this.ctx.db.updateTable('payments').set({ provider_payment_id: charged.providerPaymentId, updated_at: this.now() }).where('id', '=', paymentId).execute();
    for (const event of charged.events) await this.processEvent(provider.name, event);
    if (charged.events.length === 0) await this.reconcileNow((await repo.findPayment(this.ctx.db, companyId, paymentId))!);
    const payment = (await repo.findPayment(this.ctx.db, companyId, paymentId))!;
    if (payment.status === 'failed') await this.recordAutopayFailure(payment);
    return (await this.toDtos(companyId, [payment]))[0]!;
  }

  private async recordAutopayFailure(payment: PaymentRow) {
    const events = await this.ctx.db.transaction().execute(async (trx) => {
      const document = (await repo.lockDocument(trx, this.ctx.dbKind, payment.company_id, payment.document_id))!;
      const company = await trx.selectFrom('companies').select('name').where('id', '=', payment.company_id).executeTakeFirstOrThrow();
      return [
        await this.record(trx, document, { kind: 'system', id: null, name: company.name }, 'payment.autopay_failed', 'customer', {
          documentId: document.id,
          documentNumber: document.number,
          number: document.number,
          paymentId: payment.id,
          amountMinor: payment.amount_minor,
          currency: payment.currency,
          reason: payment.failure_message ?? 'The card was declined.',
        }),
      ];
    });
    await this.ctx.bus.publish(events);
  }

  /** Auto-pay listens for invoices being shared (after the commit: the charge is a network call). */
  subscribe() {
    this.ctx.bus.subscribe('invoice.shared', async (event) => {
      const documentId = typeof event.data.documentId === 'string' ? event.data.documentId : null;
      if (documentId) await this.autopayInvoice(event.companyId, documentId);
    });
  }

  // ---------------------------------------------------------------- overdue reminders

  /**
   * Plans the overdue reminders that have come due (driven by the notification worker's sweep):
   * for each open, shared invoice past a reminder step, one timeline entry whose event the planner
   * turns into the `payment_reminder` message. `payment_reminders` keeps it once per invoice and
   * step; an invoice found several steps late gets only the latest (no burst of three).
   */
  async planOverdueReminders(): Promise<number> {
    const now = this.ctx.clock.now();
    const due = await this.ctx.db
      .selectFrom('billing_documents')
      .select(['id', 'company_id', 'due_at'])
      .where('kind', '=', 'invoice')
      .where('status', '=', 'open')
      .where('shared', '=', 1)
      .where('due_at', 'is not', null)
      .where('due_at', '<', new Date(now.getTime() - DAY).toISOString())
      .orderBy('due_at', 'desc')
      .limit(2000)
      .execute();
    let planned = 0;
    const settingsOf = new Map<string, number[]>();
    for (const invoice of due) {
      let days = settingsOf.get(invoice.company_id);
      if (!days) {
        days = (await this.settings(invoice.company_id)).reminderDays;
        settingsOf.set(invoice.company_id, days);
      }
      const overdueMs = now.getTime() - Date.parse(invoice.due_at!);
      const reached = days.filter((d) => overdueMs >= d * DAY);
      if (reached.length === 0) continue;
      const step = Math.max(...reached);
      // Most overdue invoices were reminded of their latest step already: a read, not a transaction.
      const done = await this.ctx.db.selectFrom('payment_reminders').select('step_days').where('document_id', '=', invoice.id).where('step_days', '=', step).executeTakeFirst();
      if (done) continue;
      const events = await this.ctx.db.transaction().execute(async (trx) => {
        const document = await repo.lockDocument(trx, this.ctx.dbKind, invoice.company_id, invoice.id);
        if (!document || document.status !== 'open' || document.shared !== 1) return [];
        const inserted = await trx
          .insertInto('payment_reminders')
          .values(reached.map((d) => ({ document_id: invoice.id, step_days: d, company_id: invoice.company_id, planned_at: now.toISOString() })))
          .onConflict((oc) => oc.columns(['document_id', 'step_days']).doNothing())
          .returning('step_days')
          .execute();
        if (!inserted.some((row) => row.step_days === step)) return [];
        const company = await trx.selectFrom('companies').select('name').where('id', '=', invoice.company_id).executeTakeFirstOrThrow();
        const balance = document.total_minor - document.amount_paid_minor;
        return [
          await this.record(trx, document, { kind: 'system', id: null, name: company.name }, 'invoice.payment_reminder', 'customer', {
            documentId: document.id,
            documentNumber: document.number,
            number: document.number,
            amountMinor: balance,
            currency: document.currency,
            stepDays: step,
          }),
        ];
      });
      if (events.length > 0) planned += 1;
      await this.ctx.bus.publish(events);
    }
    return planned;
  }
}

/** PostgreSQL's unique_violation, or SQLite's UNIQUE constraint failure. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A CardInput's fields, typed as the route validated them. */
export type { CardInput };
