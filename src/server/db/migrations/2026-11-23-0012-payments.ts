import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Payments (docs/payments.md): attempts and recorded payments on invoices, refunds, provider
 * webhooks processed once, overdue reminders once per step, saved-card profiles, and the offline
 * provider's own ledger. Money is integer minor units of the invoice's currency.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('billing_documents.id').onDelete('cascade'))
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    // 'card' (through the provider) | 'cash' | 'check' | 'bank_transfer' | 'card_external' | 'other'.
    .addColumn('method', 'text', (c) => c.notNull())
    // 'offline' | 'stripe', null for payments staff recorded.
    .addColumn('provider', 'text')
    .addColumn('provider_payment_id', 'text')
    .addColumn('checkout_session_id', 'text')
    .addColumn('checkout_url', 'text')
    // 'pending' | 'succeeded' | 'failed' | 'canceled'.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount_refunded_minor', 'integer', (c) => c.notNull())
    // The invoice id while the attempt is pending, null after: at most one open attempt per invoice.
    .addColumn('open_key', 'text', (c) => c.unique())
    .addColumn('client_key', 'text')
    .addColumn('failure_message', 'text')
    .addColumn('card_brand', 'text')
    .addColumn('card_last4', 'text')
    .addColumn('reference', 'text')
    .addColumn('note', 'text')
    .addColumn('save_method', 'integer', (c) => c.notNull())
    .addColumn('autopay', 'integer', (c) => c.notNull())
    .addColumn('payer_contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('receipt_number', 'text')
    .addColumn('succeeded_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('payments_provider_payment_uq', ['provider', 'provider_payment_id'])
    .addUniqueConstraint('payments_client_key_uq', ['document_id', 'client_key'])
    .addUniqueConstraint('payments_receipt_number_uq', ['company_id', 'receipt_number'])
    .execute();
  await db.schema.createIndex('payments_document_idx').on('payments').columns(['document_id', 'created_at']).execute();
  await db.schema.createIndex('payments_company_idx').on('payments').columns(['company_id', 'created_at']).execute();
  await db.schema.createIndex('payments_customer_idx').on('payments').columns(['company_id', 'customer_id', 'created_at']).execute();
  await db.schema.createIndex('payments_checkout_idx').on('payments').columns(['checkout_session_id']).execute();

  await db.schema
    .createTable('payment_refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id').onDelete('cascade'))
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    // 'pending' | 'succeeded' | 'failed'.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provider_refund_id', 'text', (c) => c.unique())
    .addColumn('reason', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_refunds_payment_idx').on('payment_refunds').columns(['payment_id']).execute();

  await db.schema
    .createTable('payment_webhook_events')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text')
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_webhook_events_pk', ['provider', 'event_id'])
    .execute();

  await db.schema
    .createTable('payment_settings')
    .addColumn('company_id', 'text', (c) => c.primaryKey().references('companies.id').onDelete('cascade'))
    .addColumn('allow_partial_payments', 'integer', (c) => c.notNull())
    .addColumn('reminder_days', t.json, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('payment_reminders')
    .addColumn('document_id', 'text', (c) => c.notNull().references('billing_documents.id').onDelete('cascade'))
    .addColumn('step_days', 'integer', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('planned_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_reminders_pk', ['document_id', 'step_days'])
    .execute();

  await db.schema
    .createTable('payment_profiles')
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_customer_ref', 'text', (c) => c.notNull())
    .addColumn('default_payment_method_id', 'text')
    .addColumn('autopay_enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_profiles_pk', ['company_id', 'customer_id', 'provider'])
    .execute();

  await db.schema
    .createTable('offline_card_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('payment_id', 'text')
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_received_minor', 'integer', (c) => c.notNull())
    .addColumn('failure_message', 'text')
    .addColumn('card_brand', 'text')
    .addColumn('card_last4', 'text')
    .addColumn('payment_method_id', 'text')
    .addColumn('customer_ref', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('offline_card_refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider_payment_id', 'text', (c) => c.notNull().references('offline_card_payments.id').onDelete('cascade'))
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('offline_payment_methods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_ref', 'text', (c) => c.notNull())
    .addColumn('brand', 'text', (c) => c.notNull())
    .addColumn('last4', 'text', (c) => c.notNull())
    .addColumn('exp_month', 'integer', (c) => c.notNull())
    .addColumn('exp_year', 'integer', (c) => c.notNull())
    .addColumn('detached_at', t.timestamp)
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('offline_payment_methods_customer_idx').on('offline_payment_methods').columns(['customer_ref']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['offline_payment_methods', 'offline_card_refunds', 'offline_card_payments', 'payment_profiles', 'payment_reminders', 'payment_settings', 'payment_webhook_events', 'payment_refunds', 'payments']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
