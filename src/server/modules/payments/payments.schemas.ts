import { Type } from 'typebox';
import { DateTime, Id, Nullable, Strict } from '../../lib/schemas.js';

const Minor = (description: string) => Type.Integer({ description: `${description}, in minor units of the currency (cents)` });
const Currency = Type.String({ minLength: 3, maxLength: 3, description: 'ISO 4217', examples: ['USD'] });

export const PaymentStatusEnum = Type.Enum(['pending', 'succeeded', 'failed', 'canceled']);
export const PaymentMethodEnum = Type.Enum(['card', 'cash', 'check', 'bank_transfer', 'card_external', 'other'], {
  description: 'card: paid by card through Arrivo; card_external: a card machine or phone payment outside Arrivo',
});
export const RecordedMethodEnum = Type.Enum(['cash', 'check', 'bank_transfer', 'card_external', 'other']);

export const Refund = Type.Object({ id: Id, amountMinor: Minor('Refunded'), status: Type.Enum(['pending', 'succeeded', 'failed']), reason: Nullable(Type.String()), createdAt: DateTime });

export const Payment = Type.Object(
  {
    id: Id,
    documentId: Id,
    documentNumber: Type.String({ examples: ['INV-00042'] }),
    jobId: Id,
    jobReference: Type.String(),
    customerId: Id,
    customerName: Type.String(),
    method: PaymentMethodEnum,
    provider: Nullable(Type.Enum(['offline', 'stripe'])),
    status: PaymentStatusEnum,
    amountMinor: Minor('Paid'),
    amountRefundedMinor: Minor('Refunded so far'),
    currency: Currency,
    cardBrand: Nullable(Type.String()),
    cardLast4: Nullable(Type.String()),
    reference: Nullable(Type.String({ description: 'Check number, transfer reference…' })),
    note: Nullable(Type.String()),
    failureMessage: Nullable(Type.String()),
    receiptNumber: Nullable(Type.String({ examples: ['RCT-00007'] })),
    succeededAt: Nullable(DateTime),
    createdAt: DateTime,
    redirectUrl: Nullable(Type.String({ description: 'Stripe Checkout: where the browser pays, while the attempt is pending' })),
    autopay: Type.Boolean(),
    refunds: Type.Array(Refund),
  },
  { $id: 'Payment' },
);

export const InvoiceSummary = Type.Object(
  {
    id: Id,
    number: Type.String(),
    jobId: Id,
    jobReference: Type.String(),
    customerId: Id,
    customerName: Type.String(),
    title: Type.String(),
    status: Type.Enum(['draft', 'open', 'paid', 'void', 'sent', 'approved', 'declined']),
    shared: Type.Boolean(),
    currency: Currency,
    totalMinor: Minor('Total'),
    amountPaidMinor: Minor('Paid so far (payments less refunds)'),
    balanceMinor: Minor('Left to pay'),
    issuedAt: Nullable(DateTime),
    dueAt: Nullable(DateTime),
    paidAt: Nullable(DateTime),
    overdue: Type.Boolean(),
  },
  { $id: 'InvoiceSummary' },
);

export const SavedCard = Type.Object({ paymentMethodId: Type.String(), brand: Type.String(), last4: Type.String(), expMonth: Type.Integer(), expYear: Type.Integer(), isDefault: Type.Boolean() });

export const PayOptions = Type.Object({
  invoice: Type.Ref('InvoiceSummary'),
  paymentsEnabled: Type.Boolean({ description: 'False: the company does not take payments online (or its provider is not configured)' }),
  provider: Nullable(Type.Enum(['offline', 'stripe'])),
  collectsCard: Type.Boolean({ description: "True: Arrivo's own card form (offline provider); false: the provider's hosted page" }),
  allowPartialPayments: Type.Boolean(),
  testMode: Type.Boolean({ description: "Test cards work (the offline provider, or Stripe's test mode)" }),
  canSaveCard: Type.Boolean(),
  savedCards: Type.Array(SavedCard),
  payments: Type.Array(Type.Ref('Payment')),
});

export const CardBody = Type.Object(
  {
    number: Type.String({ minLength: 12, maxLength: 23, pattern: '^[0-9 -]+$', examples: ['4242 4242 4242 4242'] }),
    expMonth: Type.Integer({ minimum: 1, maximum: 12 }),
    expYear: Type.Integer({ minimum: 0, maximum: 2200 }),
    cvc: Type.String({ minLength: 3, maxLength: 4, pattern: '^[0-9]+$' }),
    name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  Strict,
);

export const PayBody = Type.Object(
  {
    amount: Type.Optional(Type.Integer({ minimum: 1, description: 'In minor units (cents); the whole balance when left out. Partial amounts only when the company allows them.' })),
    idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 200, description: 'Same as the Idempotency-Key header (either may be used)' })),
    card: Type.Optional(CardBody),
    savePaymentMethod: Type.Optional(Type.Boolean({ description: 'Keep the card for later payments and auto-pay (signed-in customers)' })),
    paymentMethodId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Pay with a saved card instead' })),
  },
  Strict,
);

export const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 200 })) });

export const RecordPaymentBody = Type.Object(
  {
    amount: Type.Integer({ minimum: 1, description: 'In minor units (cents); at most the balance' }),
    method: RecordedMethodEnum,
    reference: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    receivedAt: Type.Optional(Nullable(DateTime)),
  },
  Strict,
);

export const RefundBody = Type.Object(
  {
    amount: Type.Integer({ minimum: 1, description: 'In minor units (cents); at most what is left to refund on the payment' }),
    reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  Strict,
);

export const PaymentsListQuery = Type.Object(
  {
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    status: Type.Optional(PaymentStatusEnum),
    documentId: Type.Optional(Id),
    customerId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  Strict,
);

export const InvoicesListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(['open', 'paid', 'void', 'overdue'])),
    customerId: Type.Optional(Id),
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  Strict,
);

export const ExportQuery = Type.Object({ from: Type.Optional(DateTime), to: Type.Optional(DateTime) }, Strict);

export const PaymentSettings = Type.Object({
  allowPartialPayments: Type.Boolean(),
  reminderDays: Type.Array(Type.Integer(), { description: 'Days after the due date on which an overdue reminder goes out' }),
  stripeConfigured: Type.Boolean(),
});

export const PaymentSettingsPatch = Type.Object(
  {
    allowPartialPayments: Type.Optional(Type.Boolean()),
    reminderDays: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 365 }), { maxItems: 10 })),
  },
  Strict,
);

export const BillingOverview = Type.Object({
  balances: Type.Array(Type.Object({ currency: Currency, balanceMinor: Minor('Left to pay on open invoices') })),
  estimates: Type.Array(
    Type.Object({ id: Id, number: Type.String(), jobId: Id, jobReference: Type.String(), title: Type.String(), status: Type.String(), currency: Currency, totalMinor: Minor('Total'), issuedAt: Nullable(DateTime) }),
  ),
  invoices: Type.Array(Type.Ref('InvoiceSummary')),
  payments: Type.Array(Type.Ref('Payment')),
  savedCards: Type.Array(SavedCard),
  autopay: Type.Object({ available: Type.Boolean({ description: 'The customer has a recurring plan and the company takes cards' }), enabled: Type.Boolean() }),
  paymentsEnabled: Type.Boolean(),
});

export const AutopayBody = Type.Object({ enabled: Type.Boolean() }, Strict);
