import type { Kysely, Transaction } from 'kysely';
import type { ApiKeysTable, IdempotencyKeysTable, JobSourcesTable } from '../modules/integrations/integrations.table.js';
import type { CompaniesTable, CompanyCountersTable, SetupTokensTable } from '../modules/companies/companies.table.js';
import type { JobLinksTable, SessionsTable, SignInTokensTable, UsersTable } from '../modules/accounts/accounts.table.js';
import type { TechnicianProfilesTable } from '../modules/technicians/technicians.table.js';
import type { ContactsTable, CustomersTable, LocationsTable } from '../modules/customers/customers.table.js';
import type { ServiceCategoriesTable } from '../modules/service-categories/service-categories.table.js';
import type { AppointmentsTable, JobContactsTable, JobEventsTable, JobsTable } from '../modules/jobs/jobs.table.js';
import type { AttachmentsTable } from '../modules/attachments/attachments.table.js';
import type { TechnicianPositionsTable, TripEtasTable, TripPointsTable } from '../modules/tracking/tracking.table.js';
import type { BookingPoliciesTable, TechnicianTerritoriesTable, TechnicianTimeOffTable, TechnicianWorkingHoursTable, TerritoriesTable } from '../modules/scheduling/scheduling.table.js';
import type { LiveEventsTable } from '../modules/live-updates/live-events.table.js';
import type { NotificationTemplatesTable, NotificationsTable, OutboxMessagesTable, UnsubscribeTokensTable, AppointmentRemindersTable } from '../modules/notifications/notifications.table.js';

/** Every table, as Kysely sees it. Each module declares its own tables in `*.table.ts`. */
export interface Database {
  companies: CompaniesTable;
  company_counters: CompanyCountersTable;
  setup_tokens: SetupTokensTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_tokens: SignInTokensTable;
  job_links: JobLinksTable;
  technician_profiles: TechnicianProfilesTable;
  customers: CustomersTable;
  contacts: ContactsTable;
  locations: LocationsTable;
  service_categories: ServiceCategoriesTable;
  job_sources: JobSourcesTable;
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  jobs: JobsTable;
  job_contacts: JobContactsTable;
  appointments: AppointmentsTable;
  job_events: JobEventsTable;
  attachments: AttachmentsTable;
  notifications: NotificationsTable;
  outbox_messages: OutboxMessagesTable;
  notification_templates: NotificationTemplatesTable;
  unsubscribe_tokens: UnsubscribeTokensTable;
  appointment_reminders: AppointmentRemindersTable;
  live_events: LiveEventsTable;
  technician_positions: TechnicianPositionsTable;
  trip_points: TripPointsTable;
  trip_etas: TripEtasTable;
  technician_working_hours: TechnicianWorkingHoursTable;
  technician_time_off: TechnicianTimeOffTable;
  territories: TerritoriesTable;
  technician_territories: TechnicianTerritoriesTable;
  booking_policies: BookingPoliciesTable;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Repository functions take either; ones that must run inside a transaction take `Trx`. */
export type Executor = Db | Trx;
export type DatabaseKind = 'sqlite' | 'postgres';
