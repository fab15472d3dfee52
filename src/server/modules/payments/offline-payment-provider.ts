import { randomUUID } from 'node:crypto';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../db/database.js';
import {
  CardDeclinedError,
  WebhookSignatureError,
  type CardInput,
  type CreatePaymentInput,
  type CreatedPayment,
  type NormalisedEvent,
  type PaymentProvider,
  type ProviderPaymentState,
  type SavedCard,
} from './payment-provider.js';

/** Stripe's test cards, so a demo behaves as Stripe's test mode does. */
const DECLINED_CARDS: Record<string, string> = {
  '4000000000000002': 'Your card was declined.',
  '4000000000009995': 'Your card has insufficient funds.',
  '4000000000009987': 'Your card was declined (lost card).',
  '4000000000000069': 'Your card has expired.',
};

/** Luhn checksum, as every card network uses for the last digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function cardBrand(digits: string): string {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^6(011|5)/.test(digits)) return 'discover';
  return 'card';
}

/** Checks what a card form can check before any processor sees the card; throws naming the field. */
export function checkCard(card: CardInput, now: Date): string {
  const digits = card.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) throw new CardDeclinedError('The card number is not valid.', 'card.number');
  if (!Number.isInteger(card.expMonth) || card.expMonth < 1 || card.expMonth > 12) throw new CardDeclinedError('The expiry month is not valid.', 'card.expMonth');
  const year = card.expYear < 100 ? 2000 + card.expYear : card.expYear;
  const endOfExpiryMonth = Date.UTC(year, card.expMonth, 1);
  if (endOfExpiryMonth <= now.getTime()) throw new CardDeclinedError('The card has expired.', 'card.expYear');
  if (!/^\d{3,4}$/.test(card.cvc)) throw new CardDeclinedError('The security code is not valid.', 'card.cvc');
  return digits;
}

/**
 * Records card payments without a network: the embedded default and demos. It keeps its own
 * ledger (tables `offline_card_payments`, `offline_card_refunds`, `offline_payment_methods`) as a
 * real processor would on its side, honours idempotency keys the same way, and answers each
 * charge or refund with the same normalised events a Stripe webhook gives, which the payments
 * service processes through the very path webhooks take. So the state machine is identical.
 */
export class OfflinePaymentProvider implements PaymentProvider {
  readonly name = 'offline' as const;
  readonly collectsCardInArrivo = true;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private now() {
    return this.clock.now().toISOString();
  }

  private event(type: string, paymentId: string | null, providerPaymentId: string): NormalisedEvent {
    return { eventId: `evt_off_${randomUUID()}`, type, paymentId, providerPaymentId, checkoutSessionId: null };
  }

  async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    const id = `off_pi_${randomUUID().replace(/-/g, '')}`;
    const now = this.now();
    await this.db
      .insertInto('offline_card_payments')
      .values({
        id,
        payment_id: input.paymentId,
        amount_minor: input.amountMinor,
        currency: input.currency,
        status: 'pending',
        amount_received_minor: 0,
        failure_message: null,
        card_brand: null,
        card_last4: null,
        payment_method_id: null,
        customer_ref: input.customerRef,
        idempotency_key: input.idempotencyKey,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
    const existing = await this.db.selectFrom('offline_card_payments').select('id').where('idempotency_key', '=', input.idempotencyKey).executeTakeFirstOrThrow();
    return { providerPaymentId: existing.id, checkoutSessionId: null, redirectUrl: null };
  }

  async confirmWithCard(providerPaymentId: string, card: CardInput, options: { idempotencyKey: string; saveForCustomerRef: string | null }): Promise<NormalisedEvent[]> {
    const digits = checkCard(card, this.clock.now());
    const declined = DECLINED_CARDS[digits];
    const brand = cardBrand(digits);
    const last4 = digits.slice(-4);
    const now = this.now();
    let paymentMethodId: string | null = null;
    if (!declined && options.saveForCustomerRef) {
      paymentMethodId = `off_pm_${randomUUID().replace(/-/g, '')}`;
      const year = card.expYear < 100 ? 2000 + card.expYear : card.expYear;
      await this.db
        .insertInto('offline_payment_methods')
        .values({ id: paymentMethodId, customer_ref: options.saveForCustomerRef, brand, last4, exp_month: card.expMonth, exp_year: year, detached_at: null, created_at: now, idempotency_key: `${options.idempotencyKey}:pm` })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute();
      paymentMethodId = (await this.db.selectFrom('offline_payment_methods').select('id').where('idempotency_key', '=', `${options.idempotencyKey}:pm`).executeTakeFirstOrThrow()).id;
    }
    // Compare-and-set on 'pending': of two confirmations racing, one charges and the other finds it done.
    const charged = await this.db
      .updateTable('offline_card_payments')
      .set(
        declined
          ? { status: 'failed', failure_message: declined, card_brand: brand, card_last4: last4, updated_at: now }
          : { status: 'succeeded', amount_received_minor: (eb) => eb.ref('amount_minor'), card_brand: brand, card_last4: last4, payment_method_id: paymentMethodId, updated_at: now },
      )
      .where('id', '=', providerPaymentId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    const row = await this.db.selectFrom('offline_card_payments').select(['payment_id', 'status']).where('id', '=', providerPaymentId).executeTakeFirstOrThrow();
    if (Number(charged.numUpdatedRows) === 0 && row.status === 'pending') throw new Error('offline payment could not be confirmed');
    return [this.event(row.status === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed', row.payment_id, providerPaymentId)];
  }

  async retrievePayment(providerPaymentId: string): Promise<ProviderPaymentState> {
    const row = await this.db.selectFrom('offline_card_payments').selectAll().where('id', '=', providerPaymentId).executeTakeFirstOrThrow();
    const refunds = await this.db.selectFrom('offline_card_refunds').select(['id', 'amount_minor']).where('provider_payment_id', '=', providerPaymentId).orderBy('created_at').execute();
    return {
      providerPaymentId: row.id,
      status: row.status,
      amountMinor: row.amount_minor,
      currency: row.currency,
      amountReceivedMinor: row.amount_received_minor,
      refunds: refunds.map((r) => ({ providerRefundId: r.id, amountMinor: r.amount_minor, status: 'succeeded' as const })),
      failureMessage: row.failure_message,
      card: row.card_brand && row.card_last4 ? { brand: row.card_brand, last4: row.card_last4 } : null,
      paymentMethodId: row.payment_method_id,
      paymentId: row.payment_id,
    };
  }

  async cancelPayment(attempt: { providerPaymentId: string | null }): Promise<boolean> {
    if (!attempt.providerPaymentId) return true;
    // Compare-and-set: a confirmation racing this one either charged first (false) or finds it cancelled.
    await this.db.updateTable('offline_card_payments').set({ status: 'canceled', updated_at: this.now() }).where('id', '=', attempt.providerPaymentId).where('status', '=', 'pending').execute();
    const row = await this.db.selectFrom('offline_card_payments').select('status').where('id', '=', attempt.providerPaymentId).executeTakeFirst();
    return row?.status !== 'succeeded';
  }

  async paymentOfCheckout(): Promise<string | null> {
    return null;
  }

  async refund(input: { providerPaymentId: string; amountMinor: number; idempotencyKey: string; paymentId: string }) {
    const id = `off_re_${randomUUID().replace(/-/g, '')}`;
    await this.db.transaction().execute(async (trx) => {
      const payment = await trx.selectFrom('offline_card_payments').select(['status', 'amount_received_minor']).where('id', '=', input.providerPaymentId).executeTakeFirstOrThrow();
      const refunded = await trx.selectFrom('offline_card_refunds').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('total')).where('provider_payment_id', '=', input.providerPaymentId).executeTakeFirstOrThrow();
      const already = await trx.selectFrom('offline_card_refunds').select('id').where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
      if (already) return;
      if (payment.status !== 'succeeded' || Number(refunded.total) + input.amountMinor > payment.amount_received_minor) throw new Error('refund exceeds the amount charged');
      await trx
        .insertInto('offline_card_refunds')
        .values({ id, provider_payment_id: input.providerPaymentId, amount_minor: input.amountMinor, idempotency_key: input.idempotencyKey, created_at: this.now() })
        .execute();
    });
    const row = await this.db.selectFrom('offline_card_refunds').select('id').where('idempotency_key', '=', input.idempotencyKey).executeTakeFirstOrThrow();
    return { providerRefundId: row.id, events: [this.event('charge.refunded', input.paymentId, input.providerPaymentId)] };
  }

  async ensureCustomer(input: { customerId: string }): Promise<string> {
    // No account to open on the other side: the reference is derived from the customer.
    return `off_cus_${input.customerId}`;
  }

  async listPaymentMethods(customerRef: string): Promise<SavedCard[]> {
    const rows = await this.db.selectFrom('offline_payment_methods').selectAll().where('customer_ref', '=', customerRef).where('detached_at', 'is', null).orderBy('created_at', 'desc').execute();
    return rows.map((r) => ({ paymentMethodId: r.id, brand: r.brand, last4: r.last4, expMonth: r.exp_month, expYear: r.exp_year }));
  }

  async detachPaymentMethod(paymentMethodId: string): Promise<void> {
    await this.db.updateTable('offline_payment_methods').set({ detached_at: this.now() }).where('id', '=', paymentMethodId).where('detached_at', 'is', null).execute();
  }

  async chargeSavedMethod(input: { idempotencyKey: string; paymentId: string; customerRef: string; paymentMethodId: string; amountMinor: number; currency: string; description: string; metadata: Record<string, string> }) {
    const method = await this.db.selectFrom('offline_payment_methods').selectAll().where('id', '=', input.paymentMethodId).where('customer_ref', '=', input.customerRef).executeTakeFirst();
    const created = await this.createPayment({
      idempotencyKey: input.idempotencyKey,
      paymentId: input.paymentId,
      amountMinor: input.amountMinor,
      currency: input.currency,
      description: input.description,
      metadata: input.metadata,
      customerRef: input.customerRef,
      savePaymentMethod: false,
      returnUrl: '',
      cancelUrl: '',
      payerEmail: null,
    });
    const providerPaymentId = created.providerPaymentId!;
    const now = this.now();
    const usable = method && !method.detached_at && Date.UTC(method.exp_year, method.exp_month, 1) > this.clock.now().getTime();
    await this.db
      .updateTable('offline_card_payments')
      .set(
        usable
          ? { status: 'succeeded', amount_received_minor: input.amountMinor, card_brand: method.brand, card_last4: method.last4, payment_method_id: method.id, updated_at: now }
          : { status: 'failed', failure_message: method ? 'The saved card has expired or was removed.' : 'The saved card was not found.', updated_at: now },
      )
      .where('id', '=', providerPaymentId)
      .where('status', '=', 'pending')
      .execute();
    const row = await this.db.selectFrom('offline_card_payments').select('status').where('id', '=', providerPaymentId).executeTakeFirstOrThrow();
    return { providerPaymentId, events: [this.event(row.status === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed', input.paymentId, providerPaymentId)] };
  }

  parseWebhook(): NormalisedEvent {
    // Nothing calls the offline provider from outside: its events come back from its own calls.
    throw new WebhookSignatureError('The offline provider does not receive webhooks.');
  }
}
