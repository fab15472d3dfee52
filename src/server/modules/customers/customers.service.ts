import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { conflict, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import * as repo from './customers.repository.js';
import type { ContactRole, ContactRow, CustomerKind, CustomerRow, LocationRow } from './customers.table.js';

export interface ContactInput {
  name: string;
  email?: string | null;
  phone?: string | null;
  role?: ContactRole;
  language?: string;
}

export interface LocationInput {
  label?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
  lat?: number | null;
  lng?: number | null;
  accessNotes?: string | null;
}

export const toContactDto = (c: ContactRow) => ({ id: c.id, customerId: c.customer_id, name: c.name, email: c.email, phone: c.phone, role: c.role, language: c.language });
export type ContactDto = ReturnType<typeof toContactDto>;

export const toLocationDto = (l: LocationRow) => ({
  id: l.id,
  customerId: l.customer_id,
  label: l.label,
  line1: l.line1,
  line2: l.line2,
  city: l.city,
  region: l.region,
  postalCode: l.postal_code,
  country: l.country,
  lat: l.lat,
  lng: l.lng,
  accessNotes: l.access_notes,
});
export type LocationDto = ReturnType<typeof toLocationDto>;

export const toCustomerDto = (c: CustomerRow) => ({ id: c.id, kind: c.kind, name: c.name, createdAt: c.created_at });

/** One line a person would read: "12 Elm St, Springfield 12345". */
export const formatAddress = (l: Pick<LocationRow, 'line1' | 'line2' | 'city' | 'postal_code'>) =>
  [l.line1, l.line2, `${l.city} ${l.postal_code}`].filter(Boolean).join(', ');

/** Customers (organisations and households), their contacts and their service locations. */
export class CustomersService {
  constructor(private readonly ctx: AppContext) {}

  async list(companyId: string, filter: repo.CustomerListFilter) {
    const rows = await repo.listCustomers(this.ctx.db, companyId, filter);
    return rows.map((r) => ({ ...toCustomerDto(r), jobCount: Number(r.job_count ?? 0), contactCount: Number(r.contact_count ?? 0) }));
  }

  async create(companyId: string, input: { kind: CustomerKind; name: string; contacts?: ContactInput[]; locations?: LocationInput[] }) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const id = await this.insertCustomer(trx, companyId, input.kind, input.name);
      for (const [index, contact] of (input.contacts ?? []).entries()) {
        // The first contact of a household runs it; organisations choose explicitly.
        await this.insertContact(trx, companyId, id, { ...contact, role: contact.role ?? (index === 0 ? 'admin' : 'member') }, `contacts[${index}].email`);
      }
      for (const location of input.locations ?? []) await this.insertLocation(trx, companyId, id, location);
      return this.detail(companyId, id, trx);
    });
  }

  async detail(companyId: string, customerId: string, db: Executor = this.ctx.db) {
    const customer = await repo.findCustomer(db, companyId, customerId);
    if (!customer) throw notFound('CUSTOMER_NOT_FOUND', 'No such customer.');
    const [contacts, locations] = await Promise.all([repo.listContacts(db, companyId, customerId), repo.listLocations(db, companyId, customerId)]);
    return { ...toCustomerDto(customer), contacts: contacts.map(toContactDto), locations: locations.map(toLocationDto) };
  }

  async addContact(companyId: string, customerId: string, input: ContactInput) {
    if (!(await repo.findCustomer(this.ctx.db, companyId, customerId))) throw notFound('CUSTOMER_NOT_FOUND', 'No such customer.');
    const id = await this.insertContact(this.ctx.db, companyId, customerId, input, 'email');
    return toContactDto((await repo.findContact(this.ctx.db, companyId, id))!);
  }

  async addLocation(companyId: string, customerId: string, input: LocationInput) {
    if (!(await repo.findCustomer(this.ctx.db, companyId, customerId))) throw notFound('CUSTOMER_NOT_FOUND', 'No such customer.');
    const id = await this.insertLocation(this.ctx.db, companyId, customerId, input);
    return toLocationDto((await repo.findLocation(this.ctx.db, companyId, id))!);
  }

  async insertCustomer(db: Executor, companyId: string, kind: CustomerKind, name: string): Promise<string> {
    const id = newId();
    const now = this.ctx.clock.now().toISOString();
    await repo.insertCustomer(db, { id, company_id: companyId, kind, name, created_at: now, updated_at: now });
    return id;
  }

  async insertContact(db: Executor, companyId: string, customerId: string, input: ContactInput, emailField: string): Promise<string> {
    const email = input.email ? input.email.toLowerCase() : null;
    if (email && (await repo.findContactByEmail(db, companyId, email))) throw conflict('CONTACT_EMAIL_TAKEN', 'Another contact already uses this email.', { field: emailField });
    const id = newId();
    await repo.insertContact(db, {
      id,
      company_id: companyId,
      customer_id: customerId,
      name: input.name,
      email,
      phone: input.phone ?? null,
      role: input.role ?? 'member',
      language: input.language ?? 'en',
      created_at: this.ctx.clock.now().toISOString(),
    });
    return id;
  }

  async insertLocation(db: Executor, companyId: string, customerId: string, input: LocationInput): Promise<string> {
    const id = newId();
    await repo.insertLocation(db, {
      id,
      company_id: companyId,
      customer_id: customerId,
      label: input.label ?? null,
      line1: input.line1,
      line2: input.line2 ?? null,
      city: input.city,
      region: input.region ?? null,
      postal_code: input.postalCode,
      country: input.country,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      access_notes: input.accessNotes ?? null,
      created_at: this.ctx.clock.now().toISOString(),
    });
    return id;
  }
}
