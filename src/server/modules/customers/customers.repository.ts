import type { Executor } from '../../db/database.js';
import type { ContactsTable, CustomersTable, LocationsTable } from './customers.table.js';
import type { Insertable } from 'kysely';

export const insertCustomer = (db: Executor, row: Insertable<CustomersTable>) => db.insertInto('customers').values(row).execute();
export const insertContact = (db: Executor, row: Insertable<ContactsTable>) => db.insertInto('contacts').values(row).execute();
export const insertLocation = (db: Executor, row: Insertable<LocationsTable>) => db.insertInto('locations').values(row).execute();

export const findCustomer = (db: Executor, companyId: string, customerId: string) =>
  db.selectFrom('customers').selectAll().where('company_id', '=', companyId).where('id', '=', customerId).executeTakeFirst();

export const findContact = (db: Executor, companyId: string, contactId: string) =>
  db.selectFrom('contacts').selectAll().where('company_id', '=', companyId).where('id', '=', contactId).executeTakeFirst();

export const findContactByEmail = (db: Executor, companyId: string, email: string) =>
  db.selectFrom('contacts').selectAll().where('company_id', '=', companyId).where('email', '=', email.toLowerCase()).executeTakeFirst();

export const listContacts = (db: Executor, companyId: string, customerId: string) =>
  db.selectFrom('contacts').selectAll().where('company_id', '=', companyId).where('customer_id', '=', customerId).orderBy('name').execute();

export const findLocation = (db: Executor, companyId: string, locationId: string) =>
  db.selectFrom('locations').selectAll().where('company_id', '=', companyId).where('id', '=', locationId).executeTakeFirst();

export const listLocations = (db: Executor, companyId: string, customerId: string) =>
  db.selectFrom('locations').selectAll().where('company_id', '=', companyId).where('customer_id', '=', customerId).orderBy('created_at').execute();

/** An existing address of the customer that matches street line and postal code, to avoid duplicates on intake. */
export const findMatchingLocation = (db: Executor, companyId: string, customerId: string, line1: string, postalCode: string) =>
  db
    .selectFrom('locations')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('customer_id', '=', customerId)
    .where((eb) => eb(eb.fn('lower', ['line1']), '=', line1.toLowerCase()))
    .where('postal_code', '=', postalCode)
    .executeTakeFirst();

export interface CustomerListFilter {
  q?: string;
  kind?: 'organisation' | 'household';
  limit: number;
  offset: number;
}

export async function listCustomers(db: Executor, companyId: string, filter: CustomerListFilter) {
  let query = db
    .selectFrom('customers')
    .selectAll('customers')
    .select((eb) => [
      eb.selectFrom('jobs').whereRef('jobs.customer_id', '=', 'customers.id').select((e) => e.fn.countAll<number>().as('n')).as('job_count'),
      eb.selectFrom('contacts').whereRef('contacts.customer_id', '=', 'customers.id').select((e) => e.fn.countAll<number>().as('n')).as('contact_count'),
    ])
    .where('customers.company_id', '=', companyId);
  if (filter.kind) query = query.where('customers.kind', '=', filter.kind);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['customers.name']), 'like', like),
        eb.exists(
          eb
            .selectFrom('contacts')
            .select('contacts.id')
            .whereRef('contacts.customer_id', '=', 'customers.id')
            .where((e) => e.or([e(e.fn('lower', ['contacts.name']), 'like', like), e('contacts.email', 'like', like)])),
        ),
      ]),
    );
  }
  return query.orderBy('customers.name').orderBy('customers.id').limit(filter.limit).offset(filter.offset).execute();
}
