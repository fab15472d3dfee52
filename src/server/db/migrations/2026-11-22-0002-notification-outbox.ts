import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // One row per (event, recipient, channel): planned in the transaction of the change that caused
  // it, delivered by the notification worker.
  await db.schema
    .createTable('outbox_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.references('jobs.id').onDelete('cascade'))
    .addColumn('variables', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
    .addColumn('locked_until', t.timestamp)
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('outbox_messages_delivery_uq', ['event_key', 'recipient_kind', 'recipient_id', 'channel'])
    .execute();
  await db.schema.createIndex('outbox_messages_due_idx').on('outbox_messages').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_messages_company_idx').on('outbox_messages').columns(['company_id', 'status', 'created_at']).execute();

  // A company's own wording of a message, per language; Arrivo's defaults apply where none is set.
  await db.schema
    .createTable('notification_templates')
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('sms', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_templates_pk', ['company_id', 'template', 'locale'])
    .execute();

  // How each contact wants to hear from the company.
  await db.schema.alterTable('contacts').addColumn('notify_email', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('contacts').addColumn('notify_sms', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  /** Minutes after local midnight; both null means no quiet hours. */
  await db.schema.alterTable('contacts').addColumn('quiet_hours_start', 'integer').execute();
  await db.schema.alterTable('contacts').addColumn('quiet_hours_end', 'integer').execute();
  await db.schema.alterTable('contacts').addColumn('sms_opted_out_at', t.timestamp).execute();
  await db.schema.alterTable('contacts').addColumn('email_unsubscribed_at', t.timestamp).execute();
  await db.schema.createIndex('contacts_phone_idx').on('contacts').column('phone').execute();
  // Staff read their notifications in their own language too.
  await db.schema.alterTable('users').addColumn('language', 'text', (c) => c.notNull().defaultTo('en')).execute();

  // The unsubscribe link in each e-mail: a random token, kept only as its hash.
  await db.schema
    .createTable('unsubscribe_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  // The day-before reminder sweep looks across companies by start time, and remembers which
  // (visit, window) it already reminded: a visit moved to another day gets a reminder again.
  await db.schema.createIndex('appointments_window_idx').on('appointments').columns(['window_start', 'status']).execute();
  await db.schema
    .createTable('appointment_reminders')
    .addColumn('appointment_id', 'text', (c) => c.notNull().references('appointments.id').onDelete('cascade'))
    .addColumn('window_start', t.timestamp, (c) => c.notNull())
    .addColumn('planned_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('appointment_reminders_pk', ['appointment_id', 'window_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('appointment_reminders').ifExists().execute();
  await db.schema.dropIndex('appointments_window_idx').ifExists().execute();
  await db.schema.dropTable('unsubscribe_tokens').ifExists().execute();
  await db.schema.alterTable('users').dropColumn('language').execute();
  await db.schema.dropIndex('contacts_phone_idx').ifExists().execute();
  for (const column of ['email_unsubscribed_at', 'sms_opted_out_at', 'quiet_hours_end', 'quiet_hours_start', 'notify_sms', 'notify_email']) {
    await db.schema.alterTable('contacts').dropColumn(column).execute();
  }
  await db.schema.dropTable('notification_templates').ifExists().execute();
  await db.schema.dropTable('outbox_messages').ifExists().execute();
}
