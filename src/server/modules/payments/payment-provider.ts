/**
 * What Arrivo needs from a card processor (docs/payments.md). Two implementations: Stripe, and an
 * offline provider that records card payments without a network (the embedded default and demos).
 *
 * State never follows a browser redirect or the order webhooks arrive in: every event only names
 * a payment, and the payments service then reads the provider's *current* view of it
 * (`retrievePayment`) and reconciles its own rows to that. Delivering an event twice, late or out
 * of order therefore changes nothing.
 */
export type ProviderName = 'offline' | 'stripe';

/** The provider's current view of one payment. */
export interface ProviderPaymentState {
  /** The provider's payment object (Stripe: the PaymentIntent id). */
  providerPaymentId: string;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled';
  amountMinor: number;
  currency: string;
  /** What the customer was actually charged (0 until it succeeded). */
  amountReceivedMinor: number;
  /** Every refund of the payment the provider knows, whoever made it (Arrivo or the provider's dashboard). */
  refunds: ProviderRefund[];
  failureMessage: string | null;
  card: { brand: string; last4: string } | null;
  /** The saved card used or saved with this payment, when there is one. */
  paymentMethodId: string | null;
  /** Our own payment id, echoed back from the metadata we attached. */
  paymentId: string | null;
}

export interface ProviderRefund {
  providerRefundId: string;
  amountMinor: number;
  status: 'pending' | 'succeeded' | 'failed';
}

export interface SavedCard {
  paymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/** A webhook, verified and reduced to what the service needs: which of our payments to look at. */
export interface NormalisedEvent {
  /** The provider's event id: each is processed at most once. */
  eventId: string;
  /** The provider's event type, kept for the record (`payment_intent.succeeded`). */
  type: string;
  /** Our payment id (from metadata) and/or the provider's payment id; null for events we do not use. */
  paymentId: string | null;
  providerPaymentId: string | null;
  /** Stripe Checkout: the session that created the payment (found by it before the PaymentIntent id is known). */
  checkoutSessionId: string | null;
}

export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  name?: string | null;
}

export interface CreatePaymentInput {
  /** Deterministic per attempt (`pay:<paymentId>`): a retry never creates a second charge. */
  idempotencyKey: string;
  paymentId: string;
  amountMinor: number;
  currency: string;
  description: string;
  metadata: Record<string, string>;
  /** The provider's customer to attach the card to when the payer asked to save it. */
  customerRef: string | null;
  savePaymentMethod: boolean;
  /** Where a hosted page sends the browser back (it does not decide anything: webhooks do). */
  returnUrl: string;
  cancelUrl: string;
  payerEmail: string | null;
}

export interface CreatedPayment {
  /** Known at once for the offline provider; for Stripe Checkout only once the customer pays. */
  providerPaymentId: string | null;
  checkoutSessionId: string | null;
  /** A hosted page the browser goes to (Stripe Checkout); null when Arrivo's own card form is used. */
  redirectUrl: string | null;
}

export interface PaymentProvider {
  readonly name: ProviderName;
  /** Whether Arrivo's own card form collects the card (offline) or the provider's hosted page does (Stripe). */
  readonly collectsCardInArrivo: boolean;
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  /** Offline only: charges the card typed in Arrivo's form. Returns the events to process, as a webhook would. */
  confirmWithCard(providerPaymentId: string, card: CardInput, options: { idempotencyKey: string; saveForCustomerRef: string | null }): Promise<NormalisedEvent[]>;
  retrievePayment(providerPaymentId: string): Promise<ProviderPaymentState>;
  /**
   * Withdraws a pending attempt so it can no longer be paid (offline: its ledger entry; Stripe: the
   * Checkout session is expired). Answers false when it was paid meanwhile: the caller reconciles.
   */
  cancelPayment(attempt: { providerPaymentId: string | null; checkoutSessionId: string | null; idempotencyKey: string }): Promise<boolean>;
  /** Finds the payment a hosted checkout created (null until the customer paid). */
  paymentOfCheckout(checkoutSessionId: string): Promise<string | null>;
  refund(input: { providerPaymentId: string; amountMinor: number; idempotencyKey: string; paymentId: string }): Promise<{ providerRefundId: string; events: NormalisedEvent[] }>;
  /** The provider's customer for an Arrivo customer, created once (idempotency key per customer). */
  ensureCustomer(input: { idempotencyKey: string; name: string; email: string | null; companyId: string; customerId: string }): Promise<string>;
  listPaymentMethods(customerRef: string): Promise<SavedCard[]>;
  detachPaymentMethod(paymentMethodId: string, idempotencyKey: string): Promise<void>;
  /** Charges a saved card without the customer present (auto-pay). */
  chargeSavedMethod(input: {
    idempotencyKey: string;
    paymentId: string;
    customerRef: string;
    paymentMethodId: string;
    amountMinor: number;
    currency: string;
    description: string;
    metadata: Record<string, string>;
  }): Promise<{ providerPaymentId: string; events: NormalisedEvent[] }>;
  /** Verifies a webhook's signature over the raw body and normalises it; throws WebhookSignatureError. */
  parseWebhook(rawBody: Buffer, signature: string | undefined): NormalisedEvent;
}

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/** A card the processor refused (declined, expired…): the payment fails, nothing is charged. */
export class CardDeclinedError extends Error {
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'CardDeclinedError';
  }
}
