import type { Insertable, Updateable } from 'kysely';
import type { DatabaseKind, Executor, Trx } from '../../db/database.js';
import type {
  BillingDocumentLineRow,
  BillingDocumentLinesTable,
  BillingDocumentOptionRow,
  BillingDocumentOptionsTable,
  BillingDocumentRow,
  BillingDocumentsTable,
  BillingSettingsTable,
  DocumentKind,
  DocumentStatus,
} from './billing.table.js';

export const findSettings = (db: Executor, companyId: string) => db.selectFrom('billing_settings').selectAll().where('company_id', '=', companyId).executeTakeFirst();

export async function upsertSettings(db: Executor, row: Insertable<BillingSettingsTable>) {
  const { company_id: _companyId, ...patch } = row;
  await db
    .insertInto('billing_settings')
    .values(row)
    .onConflict((oc) => oc.column('company_id').doUpdateSet(patch))
    .execute();
}

export const findDocument = (db: Executor, companyId: string, documentId: string) =>
  db.selectFrom('billing_documents').selectAll().where('company_id', '=', companyId).where('id', '=', documentId).executeTakeFirst();

/** Reads a document to change it; on PostgreSQL the row stays locked until the transaction ends (SQLite has one writer anyway). */
export function findDocumentForChange(trx: Trx, kind: DatabaseKind, companyId: string, documentId: string) {
  const query = trx.selectFrom('billing_documents').selectAll().where('company_id', '=', companyId).where('id', '=', documentId);
  return (kind === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

export const insertDocument = (trx: Trx, row: Insertable<BillingDocumentsTable>) => trx.insertInto('billing_documents').values(row).execute();

/** Changes a document only if it still has the version the caller read; false when someone saved first. */
export async function updateDocumentIfVersion(trx: Trx, companyId: string, documentId: string, version: number, patch: Updateable<BillingDocumentsTable>): Promise<boolean> {
  const result = await trx
    .updateTable('billing_documents')
    .set({ ...patch, version: version + 1 })
    .where('company_id', '=', companyId)
    .where('id', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const insertOption = (trx: Trx, row: Insertable<BillingDocumentOptionsTable>) => trx.insertInto('billing_document_options').values(row).execute();
export async function insertLines(trx: Trx, rows: Insertable<BillingDocumentLinesTable>[]) {
  // Chunked: SQLite caps the variables of one statement.
  for (let i = 0; i < rows.length; i += 50) await trx.insertInto('billing_document_lines').values(rows.slice(i, i + 50)).execute();
}
export async function deleteContent(trx: Trx, companyId: string, documentId: string) {
  await trx.deleteFrom('billing_document_lines').where('company_id', '=', companyId).where('document_id', '=', documentId).execute();
  await trx.deleteFrom('billing_document_options').where('company_id', '=', companyId).where('document_id', '=', documentId).execute();
}

export async function listContent(db: Executor, companyId: string, documentIds: string[]): Promise<{ options: BillingDocumentOptionRow[]; lines: BillingDocumentLineRow[] }> {
  if (documentIds.length === 0) return { options: [], lines: [] };
  const [options, lines] = await Promise.all([
    db.selectFrom('billing_document_options').selectAll().where('company_id', '=', companyId).where('document_id', 'in', documentIds).orderBy('position').execute(),
    db.selectFrom('billing_document_lines').selectAll().where('company_id', '=', companyId).where('document_id', 'in', documentIds).orderBy('position').execute(),
  ]);
  return { options, lines };
}

export interface DocumentListFilter {
  jobId?: string;
  customerId?: string;
  kind?: DocumentKind;
  status?: DocumentStatus;
  /** Portal: only documents the customer may see (shared and past draft). */
  visibleToCustomer?: boolean;
  limit: number;
}

export function listDocuments(db: Executor, companyId: string, filter: DocumentListFilter) {
  let query = db
    .selectFrom('billing_documents')
    .innerJoin('jobs', 'jobs.id', 'billing_documents.job_id')
    .innerJoin('customers', 'customers.id', 'billing_documents.customer_id')
    .selectAll('billing_documents')
    .select(['jobs.reference as job_reference', 'customers.name as customer_name'])
    .where('billing_documents.company_id', '=', companyId);
  if (filter.jobId) query = query.where('billing_documents.job_id', '=', filter.jobId);
  if (filter.customerId) query = query.where('billing_documents.customer_id', '=', filter.customerId);
  if (filter.kind) query = query.where('billing_documents.kind', '=', filter.kind);
  if (filter.status) query = query.where('billing_documents.status', '=', filter.status);
  if (filter.visibleToCustomer) query = query.where('billing_documents.shared', '=', 1).where('billing_documents.status', '!=', 'draft');
  return query.orderBy('billing_documents.created_at', 'desc').orderBy('billing_documents.id', 'desc').limit(filter.limit).execute();
}

export type DocumentWithNames = BillingDocumentRow & { job_reference: string; customer_name: string };

export async function findDocumentWithNames(db: Executor, companyId: string, documentId: string): Promise<DocumentWithNames | undefined> {
  return db
    .selectFrom('billing_documents')
    .innerJoin('jobs', 'jobs.id', 'billing_documents.job_id')
    .innerJoin('customers', 'customers.id', 'billing_documents.customer_id')
    .selectAll('billing_documents')
    .select(['jobs.reference as job_reference', 'customers.name as customer_name'])
    .where('billing_documents.company_id', '=', companyId)
    .where('billing_documents.id', '=', documentId)
    .executeTakeFirst();
}
