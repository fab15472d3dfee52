import type { Insertable, Updateable } from 'kysely';
import type { DatabaseKind, Executor, Trx } from '../../db/database.js';
import type { PaymentRefundsTable, PaymentsTable } from './payments.table.js';

/** The invoice row a payment changes, locked on PostgreSQL so concurrent payments on it take turns (SQLite writes one at a time anyway). */
export async function lockDocument(trx: Trx, kind: DatabaseKind, companyId: string, documentId: string) {
  const query = trx.selectFrom('billing_documents').selectAll().where('company_id', '=', companyId).where('id', '=', documentId);
  return (kind === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

export const findDocument = (db: Executor, companyId: string, documentId: string) =>
  db.selectFrom('billing_documents').selectAll().where('company_id', '=', companyId).where('id', '=', documentId).executeTakeFirst();

export const findPayment = (db: Executor, companyId: string, paymentId: string) =>
  db.selectFrom('payments').selectAll().where('company_id', '=', companyId).where('id', '=', paymentId).executeTakeFirst();

/** A payment found from a provider event: no company yet, the ids are the provider's (unique) or ours. */
export async function findPaymentForEvent(db: Executor, provider: string, ids: { paymentId: string | null; providerPaymentId: string | null; checkoutSessionId: string | null }) {
  if (ids.paymentId && /^[0-9a-f-]{36}$/i.test(ids.paymentId)) {
    const row = await db.selectFrom('payments').selectAll().where('id', '=', ids.paymentId).where('provider', '=', provider as 'stripe').executeTakeFirst();
    if (row) return row;
  }
  if (ids.providerPaymentId) {
    const row = await db.selectFrom('payments').selectAll().where('provider', '=', provider as 'stripe').where('provider_payment_id', '=', ids.providerPaymentId).executeTakeFirst();
    if (row) return row;
  }
  if (ids.checkoutSessionId) {
    return db.selectFrom('payments').selectAll().where('provider', '=', provider as 'stripe').where('checkout_session_id', '=', ids.checkoutSessionId).executeTakeFirst();
  }
  return undefined;
}

export async function lockPayment(trx: Trx, kind: DatabaseKind, paymentId: string) {
  const query = trx.selectFrom('payments').selectAll().where('id', '=', paymentId);
  return (kind === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

export const findOpenAttempt = (db: Executor, documentId: string) => db.selectFrom('payments').selectAll().where('open_key', '=', documentId).executeTakeFirst();

export const findByClientKey = (db: Executor, companyId: string, documentId: string, clientKey: string) =>
  db.selectFrom('payments').selectAll().where('company_id', '=', companyId).where('document_id', '=', documentId).where('client_key', '=', clientKey).executeTakeFirst();

export const insertPayment = (trx: Trx, row: Insertable<PaymentsTable>) => trx.insertInto('payments').values(row).execute();

export const updatePayment = (db: Executor, paymentId: string, patch: Updateable<PaymentsTable>) => db.updateTable('payments').set(patch).where('id', '=', paymentId).execute();

export const insertRefund = (trx: Trx, row: Insertable<PaymentRefundsTable>) => trx.insertInto('payment_refunds').values(row).execute();

export const listRefunds = (db: Executor, paymentIds: string[]) =>
  paymentIds.length === 0 ? Promise.resolve([]) : db.selectFrom('payment_refunds').selectAll().where('payment_id', 'in', paymentIds).orderBy('created_at').execute();

/** What has been paid on an invoice: its succeeded payments less their succeeded refunds. */
export async function amountPaid(trx: Trx, documentId: string): Promise<number> {
  const paid = await trx
    .selectFrom('payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('total'))
    .where('document_id', '=', documentId)
    .where('status', '=', 'succeeded')
    .executeTakeFirstOrThrow();
  const refunded = await trx
    .selectFrom('payment_refunds')
    .innerJoin('payments', 'payments.id', 'payment_refunds.payment_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('payment_refunds.amount_minor'), eb.lit(0)).as('total'))
    .where('payments.document_id', '=', documentId)
    .where('payment_refunds.status', '=', 'succeeded')
    .executeTakeFirstOrThrow();
  return Number(paid.total) - Number(refunded.total);
}

/** Succeeded and still-pending refunds of a payment: what can no longer be refunded. */
export async function refundedOrPending(trx: Trx, paymentId: string): Promise<number> {
  const row = await trx
    .selectFrom('payment_refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('total'))
    .where('payment_id', '=', paymentId)
    .where('status', 'in', ['succeeded', 'pending'])
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export const paymentsForDocument = (db: Executor, companyId: string, documentId: string) =>
  db.selectFrom('payments').selectAll().where('company_id', '=', companyId).where('document_id', '=', documentId).orderBy('created_at', 'desc').execute();

/** Payments joined with their invoice's number and the customer's name, for lists and exports. */
export function paymentsQuery(db: Executor, companyId: string) {
  return db
    .selectFrom('payments')
    .innerJoin('billing_documents', 'billing_documents.id', 'payments.document_id')
    .innerJoin('customers', 'customers.id', 'payments.customer_id')
    .innerJoin('jobs', 'jobs.id', 'payments.job_id')
    .selectAll('payments')
    .select(['billing_documents.number as document_number', 'customers.name as customer_name', 'jobs.reference as job_reference'])
    .where('payments.company_id', '=', companyId);
}

/** Invoices joined with the customer's name and the job's reference. */
export function invoicesQuery(db: Executor, companyId: string) {
  return db
    .selectFrom('billing_documents')
    .innerJoin('customers', 'customers.id', 'billing_documents.customer_id')
    .innerJoin('jobs', 'jobs.id', 'billing_documents.job_id')
    .selectAll('billing_documents')
    .select(['customers.name as customer_name', 'jobs.reference as job_reference'])
    .where('billing_documents.company_id', '=', companyId)
    .where('billing_documents.kind', '=', 'invoice');
}

export const findSettings = (db: Executor, companyId: string) => db.selectFrom('payment_settings').selectAll().where('company_id', '=', companyId).executeTakeFirst();
export const findBillingSettings = (db: Executor, companyId: string) =>
  db.selectFrom('billing_settings').select(['payments_enabled', 'payment_provider']).where('company_id', '=', companyId).executeTakeFirst();

export const findProfile = (db: Executor, companyId: string, customerId: string, provider: string) =>
  db
    .selectFrom('payment_profiles')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('customer_id', '=', customerId)
    .where('provider', '=', provider as 'stripe')
    .executeTakeFirst();
