import { Type, type Static } from 'typebox';
import { DateTime, Id, NonEmpty, Nullable, Strict } from '../../lib/schemas.js';

export const DocumentKindEnum = Type.Enum(['estimate', 'invoice']);
export const DocumentStatusEnum = Type.Enum(['draft', 'sent', 'approved', 'declined', 'void', 'open', 'paid'], {
  description: "Estimates: draft, sent, approved, declined, void. Invoices: draft, open, paid, void.",
});
export const LineKindEnum = Type.Enum(['service', 'part', 'labour', 'fee']);
export const ApprovedEstimateActionEnum = Type.Enum(['add_visit', 'new_job', 'nothing'], {
  description: 'What approving an estimate does: add_visit puts the job back in the dispatch queue (or opens a follow-up job when it is closed), new_job opens a job for the same customer and address',
});

export const DiscountInput = Type.Object(
  {
    kind: Type.Enum(['percent', 'amount']),
    value: Type.Integer({ minimum: 0, description: "Basis points for 'percent' (1000 = 10 %), minor units for 'amount'" }),
  },
  Strict,
);

export const LineInput = Type.Object(
  {
    kind: LineKindEnum,
    description: NonEmpty(500, { examples: ['Labour'] }),
    quantity: Type.Number({ minimum: 0, maximum: 1_000_000, description: 'Up to 3 decimals: 1.5 hours', examples: [1.5] }),
    unitPriceMinor: Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: 'Price of one unit before tax, in minor units of the currency', examples: [8500] }),
    discount: Type.Optional(Nullable(DiscountInput)),
    taxRateBp: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, description: "Basis points (2000 = 20 %); the company's default rate when left out" })),
  },
  Strict,
);

export const OptionInput = Type.Object(
  {
    title: Type.String({ maxLength: 120, examples: ['Repair'] }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    lines: Type.Array(LineInput, { maxItems: 200 }),
    discount: Type.Optional(Nullable(DiscountInput)),
  },
  Strict,
);

const contentFields = {
  title: Type.Optional(Type.String({ maxLength: 200 })),
  notes: Type.Optional(Type.String({ maxLength: 5000, description: 'Shown to the customer above the terms' })),
  terms: Type.Optional(Type.String({ maxLength: 5000 })),
  /** A document with one set of lines: an invoice, or an estimate without a choice. */
  lines: Type.Optional(Type.Array(LineInput, { maxItems: 200 })),
  discount: Type.Optional(Nullable(DiscountInput)),
  options: Type.Optional(Type.Array(OptionInput, { minItems: 1, maxItems: 5, description: 'Estimates: alternatives the customer chooses from (Repair / Replace); give either lines or options' })),
  dueAt: Type.Optional(Nullable(DateTime)),
};

export const CreateDocumentBody = Type.Object(
  {
    jobId: Id,
    kind: DocumentKindEnum,
    ...contentFields,
    shared: Type.Optional(Type.Boolean({ description: 'Share in the portal (and notify the customer) right away' })),
  },
  Strict,
);

export const UpdateDocumentBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The version read; 409 VERSION_CONFLICT when someone saved since' }),
    ...contentFields,
  },
  Strict,
);

export const ShareBody = Type.Object({ shared: Type.Boolean(), version: Type.Optional(Type.Integer({ minimum: 1 })) }, Strict);
export const ConvertBody = Type.Object({ optionId: Type.Optional(Id) }, Strict);
export const ApproveBody = Type.Object(
  {
    optionId: Type.Optional(Id),
    signerName: NonEmpty(120, { description: 'The name the customer typed as their signature', examples: ['Ana García'] }),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'The version the customer read; 409 DOCUMENT_CHANGED if the company changed it since' })),
  },
  Strict,
);
export const DeclineBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, Strict);

export const DocumentParams = Type.Object({ documentId: Id });
export const PortalDocumentParams = Type.Object({ jobId: Id, documentId: Id });
export const DocumentListQuery = Type.Object(
  {
    jobId: Type.Optional(Id),
    customerId: Type.Optional(Id),
    kind: Type.Optional(DocumentKindEnum),
    status: Type.Optional(DocumentStatusEnum),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })),
  },
  Strict,
);

const Discount = Nullable(Type.Object({ kind: Type.Enum(['percent', 'amount']), value: Type.Integer() }));

export const DocumentLine = Type.Object({
  id: Id,
  kind: LineKindEnum,
  description: Type.String(),
  quantity: Type.Number(),
  unitPriceMinor: Type.Integer(),
  discount: Discount,
  taxRateBp: Type.Integer(),
  amountMinor: Type.Integer(),
  discountMinor: Type.Integer(),
  netMinor: Type.Integer(),
});

export const DocumentOption = Type.Object({
  id: Id,
  title: Type.String(),
  description: Type.String(),
  discount: Discount,
  subtotalMinor: Type.Integer(),
  discountMinor: Type.Integer(),
  taxMinor: Type.Integer(),
  totalMinor: Type.Integer(),
  taxes: Type.Array(Type.Object({ rateBp: Type.Integer(), baseMinor: Type.Integer(), taxMinor: Type.Integer() })),
  lines: Type.Array(DocumentLine),
});

const documentFields = {
  id: Id,
  kind: DocumentKindEnum,
  number: Type.String({ examples: ['EST-00001'] }),
  jobId: Id,
  jobReference: Type.String(),
  customer: Type.Object({ id: Id, name: Type.String() }),
  currency: Type.String({ examples: ['USD'] }),
  status: DocumentStatusEnum,
  shared: Type.Boolean(),
  sharedAt: Nullable(DateTime),
  title: Type.String(),
  notes: Type.String(),
  terms: Type.String(),
  subtotalMinor: Type.Integer(),
  discountMinor: Type.Integer(),
  taxMinor: Type.Integer(),
  totalMinor: Type.Integer(),
  amountPaidMinor: Type.Integer(),
  balanceMinor: Type.Integer({ description: 'Invoices: total minus payments; estimates: 0' }),
  paidAt: Nullable(DateTime),
  dueAt: Nullable(DateTime),
  issuedAt: Nullable(DateTime),
  chosenOptionId: Nullable(Id),
  approval: Nullable(Type.Object({ signerName: Type.String(), approvedAt: DateTime })),
  declined: Nullable(Type.Object({ declinedAt: DateTime, reason: Nullable(Type.String()) })),
  voidedAt: Nullable(DateTime),
  sourceEstimateId: Nullable(Id),
  convertedInvoiceId: Nullable(Id),
  resultingJobId: Nullable(Id),
  options: Type.Array(DocumentOption),
  createdAt: DateTime,
  updatedAt: DateTime,
};

export const StaffDocument = Type.Object({
  ...documentFields,
  version: Type.Integer(),
  approvalIp: Nullable(Type.String()),
  editable: Type.Boolean(),
  /** The payments module reads these too. */
  paymentsEnabled: Type.Boolean(),
});

export const CustomerDocument = Type.Object({
  ...documentFields,
  /** Sent back when approving, so nobody approves figures that changed since they were read. */
  version: Type.Integer(),
  company: Type.Object({ name: Type.String(), logoUrl: Nullable(Type.String()), phone: Nullable(Type.String()), brandColor: Type.String(), locale: Type.String(), timezone: Type.String() }),
  /** True when the customer may approve or decline now. */
  canRespond: Type.Boolean(),
  /** True when the company takes payments online and this invoice has a balance: the portal shows "Pay". */
  payable: Type.Boolean(),
  paymentsEnabled: Type.Boolean(),
});

export const DocumentSummary = Type.Object({
  id: Id,
  kind: DocumentKindEnum,
  number: Type.String(),
  jobId: Id,
  jobReference: Type.String(),
  customer: Type.Object({ id: Id, name: Type.String() }),
  title: Type.String(),
  status: DocumentStatusEnum,
  shared: Type.Boolean(),
  currency: Type.String(),
  totalMinor: Type.Integer(),
  balanceMinor: Type.Integer(),
  dueAt: Nullable(DateTime),
  issuedAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const BillingSettings = Type.Object({
  paymentsEnabled: Type.Boolean(),
  paymentProvider: Type.Enum(['offline', 'stripe']),
  defaultTaxRateBp: Type.Integer(),
  invoiceDueDays: Type.Integer(),
  approvedEstimateAction: ApprovedEstimateActionEnum,
  pdfFooter: Type.String(),
  defaultTerms: Type.String(),
  currency: Type.String({ description: "The company's currency (company settings)" }),
});

export const BillingSettingsPatch = Type.Object(
  {
    paymentsEnabled: Type.Optional(Type.Boolean()),
    paymentProvider: Type.Optional(Type.Enum(['offline', 'stripe'])),
    defaultTaxRateBp: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    invoiceDueDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    approvedEstimateAction: Type.Optional(ApprovedEstimateActionEnum),
    pdfFooter: Type.Optional(Type.String({ maxLength: 1000 })),
    defaultTerms: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  Strict,
);

export type CreateDocumentInput = Static<typeof CreateDocumentBody>;
export type UpdateDocumentInput = Static<typeof UpdateDocumentBody>;
export type LineInputDto = Static<typeof LineInput>;
export type OptionInputDto = Static<typeof OptionInput>;
export type StaffDocumentDto = Static<typeof StaffDocument>;
export type CustomerDocumentDto = Static<typeof CustomerDocument>;
export type DocumentSummaryDto = Static<typeof DocumentSummary>;
export type BillingSettingsDto = Static<typeof BillingSettings>;
export type BillingSettingsPatchDto = Static<typeof BillingSettingsPatch>;
