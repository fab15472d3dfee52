import Stripe from 'stripe';
import {
  CardDeclinedError,
  WebhookSignatureError,
  type CreatePaymentInput,
  type CreatedPayment,
  type NormalisedEvent,
  type PaymentProvider,
  type ProviderPaymentState,
  type SavedCard,
} from './payment-provider.js';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  publishableKey: string | null;
  /** Another API address (tests: a fake Stripe on loopback); unset → api.stripe.com. */
  apiBase: string | null;
}

/** Builds the Stripe client, pointed at `apiBase` when set. */
export function createStripeClient(settings: StripeSettings): Stripe {
  const options: Stripe.StripeConfig = { maxNetworkRetries: 2, timeout: 20_000, telemetry: false };
  if (settings.apiBase) {
    const url = new URL(settings.apiBase);
    options.host = url.hostname;
    options.port = url.port || (url.protocol === 'https:' ? 443 : 80);
    options.protocol = url.protocol === 'http:' ? 'http' : 'https';
  }
  return new Stripe(settings.secretKey, options);
}

const PAYMENT_EVENTS = new Set([
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'payment_intent.processing',
  'charge.refunded',
  'charge.refund.updated',
  'refund.updated',
  'refund.created',
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
]);

const metadataPaymentId = (metadata: Stripe.Metadata | null | undefined) => (metadata && typeof metadata.paymentId === 'string' ? metadata.paymentId : null);
const idOf = (value: string | { id: string } | null | undefined) => (value === null || value === undefined ? null : typeof value === 'string' ? value : value.id);

/**
 * Stripe: the browser pays on a Stripe Checkout page (card details never reach Arrivo); a saved
 * card is charged off-session through a PaymentIntent. Every call carries an idempotency key
 * derived from Arrivo's own payment id, so a retried request never creates a second charge.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  readonly collectsCardInArrivo = false;
  private readonly stripe: Stripe;

  constructor(private readonly settings: StripeSettings) {
    this.stripe = createStripeClient(settings);
  }

  async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        client_reference_id: input.paymentId,
        success_url: input.returnUrl,
        cancel_url: input.cancelUrl,
        ...(input.customerRef ? { customer: input.customerRef } : input.payerEmail ? { customer_email: input.payerEmail } : {}),
        line_items: [{ quantity: 1, price_data: { currency: input.currency.toLowerCase(), unit_amount: input.amountMinor, product_data: { name: input.description } } }],
        metadata: input.metadata,
        payment_intent_data: {
          metadata: input.metadata,
          description: input.description,
          ...(input.savePaymentMethod && input.customerRef ? { setup_future_usage: 'off_session' as const } : {}),
        },
      },
      { idempotencyKey: input.idempotencyKey },
    );
    return { providerPaymentId: idOf(session.payment_intent), checkoutSessionId: session.id, redirectUrl: session.url };
  }

  async confirmWithCard(): Promise<NormalisedEvent[]> {
    // Card details are typed on Stripe's page, never in Arrivo's.
    throw new CardDeclinedError('Card details are collected by Stripe Checkout.', 'card');
  }

  async cancelPayment(attempt: { providerPaymentId: string | null; checkoutSessionId: string | null; idempotencyKey: string }): Promise<boolean> {
    if (!attempt.checkoutSessionId) return false;
    const session = await this.stripe.checkout.sessions.retrieve(attempt.checkoutSessionId);
    if (session.status === 'expired') return true;
    if (session.status === 'complete') return false;
    try {
      await this.stripe.checkout.sessions.expire(attempt.checkoutSessionId, {}, { idempotencyKey: attempt.idempotencyKey });
      return true;
    } catch {
      // Completed between the two calls: the payment went through.
      return false;
    }
  }

  async paymentOfCheckout(checkoutSessionId: string): Promise<string | null> {
    const session = await this.stripe.checkout.sessions.retrieve(checkoutSessionId);
    return idOf(session.payment_intent);
  }

  async retrievePayment(providerPaymentId: string): Promise<ProviderPaymentState> {
    const intent = await this.stripe.paymentIntents.retrieve(providerPaymentId, { expand: ['latest_charge'] });
    const refunds = await this.stripe.refunds.list({ payment_intent: providerPaymentId, limit: 100 });
    const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
    const card = charge?.payment_method_details?.card;
    const status: ProviderPaymentState['status'] =
      intent.status === 'succeeded'
        ? 'succeeded'
        : intent.status === 'canceled'
          ? 'canceled'
          : intent.status === 'requires_payment_method' && intent.last_payment_error
            ? 'failed'
            : 'pending';
    return {
      providerPaymentId: intent.id,
      status,
      amountMinor: intent.amount,
      currency: intent.currency.toUpperCase(),
      amountReceivedMinor: intent.amount_received ?? 0,
      refunds: refunds.data.map((r) => ({
        providerRefundId: r.id,
        amountMinor: r.amount,
        status: r.status === 'succeeded' ? ('succeeded' as const) : r.status === 'failed' || r.status === 'canceled' ? ('failed' as const) : ('pending' as const),
      })),
      failureMessage: intent.last_payment_error?.message ?? null,
      card: card ? { brand: card.brand ?? 'card', last4: card.last4 ?? '' } : null,
      paymentMethodId: intent.setup_future_usage ? idOf(intent.payment_method) : null,
      paymentId: metadataPaymentId(intent.metadata),
    };
  }

  async refund(input: { providerPaymentId: string; amountMinor: number; idempotencyKey: string; paymentId: string }) {
    const refund = await this.stripe.refunds.create({ payment_intent: input.providerPaymentId, amount: input.amountMinor, metadata: { paymentId: input.paymentId } }, { idempotencyKey: input.idempotencyKey });
    // Stripe confirms by webhook (charge.refunded); the caller reconciles from the payment right away too.
    return { providerRefundId: refund.id, events: [] };
  }

  async ensureCustomer(input: { idempotencyKey: string; name: string; email: string | null; companyId: string; customerId: string }): Promise<string> {
    const customer = await this.stripe.customers.create(
      { name: input.name, ...(input.email ? { email: input.email } : {}), metadata: { companyId: input.companyId, customerId: input.customerId } },
      { idempotencyKey: input.idempotencyKey },
    );
    return customer.id;
  }

  async listPaymentMethods(customerRef: string): Promise<SavedCard[]> {
    const methods = await this.stripe.paymentMethods.list({ customer: customerRef, type: 'card', limit: 20 });
    return methods.data.filter((m) => m.card).map((m) => ({ paymentMethodId: m.id, brand: m.card!.brand, last4: m.card!.last4, expMonth: m.card!.exp_month, expYear: m.card!.exp_year }));
  }

  async detachPaymentMethod(paymentMethodId: string, idempotencyKey: string): Promise<void> {
    await this.stripe.paymentMethods.detach(paymentMethodId, {}, { idempotencyKey });
  }

  async chargeSavedMethod(input: { idempotencyKey: string; paymentId: string; customerRef: string; paymentMethodId: string; amountMinor: number; currency: string; description: string; metadata: Record<string, string> }) {
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: input.amountMinor,
          currency: input.currency.toLowerCase(),
          customer: input.customerRef,
          payment_method: input.paymentMethodId,
          off_session: true,
          confirm: true,
          description: input.description,
          metadata: input.metadata,
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return { providerPaymentId: intent.id, events: [] };
    } catch (error) {
      // A declined off-session charge still created a PaymentIntent: its webhook will say it failed.
      const intent = (error as { raw?: { payment_intent?: { id?: string } } }).raw?.payment_intent;
      if (intent?.id) return { providerPaymentId: intent.id, events: [] };
      throw error;
    }
  }

  parseWebhook(rawBody: Buffer, signature: string | undefined): NormalisedEvent {
    if (!signature) throw new WebhookSignatureError('The Stripe-Signature header is missing.');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.settings.webhookSecret);
    } catch (error) {
      throw new WebhookSignatureError(error instanceof Error ? error.message : 'The signature does not match.');
    }
    const normalised: NormalisedEvent = { eventId: event.id, type: event.type, paymentId: null, providerPaymentId: null, checkoutSessionId: null };
    if (!PAYMENT_EVENTS.has(event.type)) return normalised;
    const object = event.data.object as unknown as { object: string; id: string; metadata?: Stripe.Metadata; payment_intent?: string | { id: string } | null; client_reference_id?: string | null };
    if (object.object === 'payment_intent') return { ...normalised, providerPaymentId: object.id, paymentId: metadataPaymentId(object.metadata) };
    if (object.object === 'checkout.session')
      return { ...normalised, checkoutSessionId: object.id, providerPaymentId: idOf(object.payment_intent), paymentId: metadataPaymentId(object.metadata) ?? object.client_reference_id ?? null };
    // charge / refund objects point at their PaymentIntent.
    return { ...normalised, providerPaymentId: idOf(object.payment_intent), paymentId: metadataPaymentId(object.metadata) };
  }
}
