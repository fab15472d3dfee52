import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Estimates and invoices (docs/billing.md). Money is integer minor units of the document's currency;
 * quantities are integer thousandths (1.5 h = 1500) so no float ever touches an amount.
 * `billing_documents` is shared with the payments module (docs/payments.md): it maintains
 * `amount_paid_minor` and `paid_at`; everything else is written by the billing module.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('billing_settings')
    .addColumn('company_id', 'text', (c) => c.primaryKey().references('companies.id').onDelete('cascade'))
    // Read by the payments module: customers may pay invoices online only when 1.
    .addColumn('payments_enabled', 'integer', (c) => c.notNull())
    // 'offline' | 'stripe'.
    .addColumn('payment_provider', 'text', (c) => c.notNull())
    // Basis points: 2000 = 20 %.
    .addColumn('default_tax_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('invoice_due_days', 'integer', (c) => c.notNull())
    // 'add_visit' | 'new_job' | 'nothing'.
    .addColumn('approved_estimate_action', 'text', (c) => c.notNull())
    .addColumn('pdf_footer', 'text', (c) => c.notNull())
    .addColumn('default_terms', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('billing_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    // 'estimate' | 'invoice'.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    // Estimates: draft | sent | approved | declined | void. Invoices: draft | open | paid | void.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('shared_at', t.timestamp)
    // For estimates with options: the chosen option's figures, or the first option's until one is chosen.
    .addColumn('subtotal_minor', 'integer', (c) => c.notNull())
    .addColumn('discount_minor', 'integer', (c) => c.notNull())
    .addColumn('tax_minor', 'integer', (c) => c.notNull())
    .addColumn('total_minor', 'integer', (c) => c.notNull())
    // Maintained only by the payments module, in the transaction that writes the payment.
    .addColumn('amount_paid_minor', 'integer', (c) => c.notNull())
    .addColumn('paid_at', t.timestamp)
    .addColumn('due_at', t.timestamp)
    .addColumn('issued_at', t.timestamp)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('chosen_option_id', 'text')
    .addColumn('signer_name', 'text')
    .addColumn('approved_at', t.timestamp)
    .addColumn('approval_ip', 'text')
    .addColumn('declined_at', t.timestamp)
    .addColumn('decline_reason', 'text')
    .addColumn('voided_at', t.timestamp)
    // Estimate → invoice: the invoice remembers where it came from, the estimate where it went.
    .addColumn('source_estimate_id', 'text')
    .addColumn('converted_invoice_id', 'text')
    // What the approval did (company setting): the job created or the visit added.
    .addColumn('resulting_job_id', 'text')
    .addColumn('resulting_appointment_id', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('billing_documents_number_uq', ['company_id', 'kind', 'number'])
    .execute();
  await db.schema.createIndex('billing_documents_job_idx').on('billing_documents').columns(['job_id', 'created_at']).execute();
  await db.schema.createIndex('billing_documents_customer_idx').on('billing_documents').columns(['company_id', 'customer_id', 'status']).execute();
  await db.schema.createIndex('billing_documents_company_kind_idx').on('billing_documents').columns(['company_id', 'kind', 'status']).execute();

  // Every document has at least one option; an invoice exactly one. The customer chooses among an estimate's.
  await db.schema
    .createTable('billing_document_options')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('billing_documents.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // 'percent' (value in basis points) | 'amount' (value in minor units) | null.
    .addColumn('discount_kind', 'text')
    .addColumn('discount_value', 'integer', (c) => c.notNull())
    .addColumn('subtotal_minor', 'integer', (c) => c.notNull())
    .addColumn('discount_minor', 'integer', (c) => c.notNull())
    .addColumn('tax_minor', 'integer', (c) => c.notNull())
    .addColumn('total_minor', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('billing_document_options_document_idx').on('billing_document_options').columns(['document_id', 'position']).execute();

  await db.schema
    .createTable('billing_document_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('billing_documents.id').onDelete('cascade'))
    .addColumn('option_id', 'text', (c) => c.notNull().references('billing_document_options.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // 'service' | 'part' | 'labour' | 'fee'.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', 'integer', (c) => c.notNull())
    .addColumn('unit_price_minor', 'integer', (c) => c.notNull())
    .addColumn('discount_kind', 'text')
    .addColumn('discount_value', 'integer', (c) => c.notNull())
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
    // Computed by src/shared/money.ts and stored so the document reads the same tomorrow.
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('discount_minor', 'integer', (c) => c.notNull())
    .addColumn('net_minor', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('billing_document_lines_option_idx').on('billing_document_lines').columns(['option_id', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['billing_document_lines', 'billing_document_options', 'billing_documents', 'billing_settings']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
