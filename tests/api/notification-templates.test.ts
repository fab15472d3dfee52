import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';
import { defaultTemplate, LOCALES, TEMPLATE_KEYS } from '../../src/server/modules/notifications/templates/template-catalog.js';

describe('notification templates, per company, through the API', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    other = await createWorld(t, 'rival');
    await t.db.updateTable('companies').set({ brand_color: '#bf5700' }).where('id', '=', w.companyId).execute();
  });
  afterAll(() => t.close());

  const admin = () => ({ cookie: w.admin.cookie });
  const url = (template: string, locale: string) => `/api/notification-templates/${template}/${locale}`;
  const spanish = {
    subject: 'Cita confirmada: {{window}}',
    body: 'Hola, {{recipientName}}:\n\nLe esperamos el {{window}}. <Traiga> su referencia {{reference}}.',
    sms: '{{companyName}}: cita el {{window}}. {{link}}',
  };
  const find = (items: any[], template: string, locale: string) => items.find((i) => i.template === template && i.locale === locale);

  it('lists every message in every language with its variables, all default at first', async () => {
    const answer = await call(t.app, 'GET', '/api/notification-templates', admin());
    expect(answer.status).toBe(200);
    // Every template in every language (other features add templates: the catalogue is the count).
    expect(answer.body.items).toHaveLength(TEMPLATE_KEYS.length * LOCALES.length);
    expect(TEMPLATE_KEYS).toEqual(expect.arrayContaining(['staff_message', 'survey_low_rating']));
    expect(answer.body.items.every((i: any) => i.customised === false && i.updatedAt === null)).toBe(true);
    const scheduled = find(answer.body.items, 'appointment_scheduled', 'fr');
    expect(scheduled).toMatchObject({ audience: 'customer', ...defaultTemplate('appointment_scheduled', 'fr') });
    expect(scheduled.variables).toEqual(expect.arrayContaining(['companyName', 'recipientName', 'link', 'window']));
    expect(find(answer.body.items, 'invoice_paid', 'en')).toMatchObject({ audience: 'staff', variables: expect.arrayContaining(['customerName', 'amount']) });
  });

  it('saves a Spanish wording and previews it with sample values and the company’s branding', async () => {
    const saved = await call(t.app, 'PUT', url('appointment_scheduled', 'es'), { ...admin(), body: spanish });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ template: 'appointment_scheduled', locale: 'es', customised: true, ...spanish, action: 'Consultar el estado', updatedAt: '2026-01-13T09:00:00.000Z' });

    const list = await call(t.app, 'GET', '/api/notification-templates', admin());
    expect(find(list.body.items, 'appointment_scheduled', 'es')).toMatchObject({ customised: true, subject: spanish.subject });
    expect(find(list.body.items, 'appointment_scheduled', 'en').customised).toBe(false);

    const preview = await call(t.app, 'POST', `${url('appointment_scheduled', 'es')}/preview`, admin());
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toMatch(/^Cita confirmada: mié 14 ene/);
    expect(preview.body.sms).toMatch(/^acme Heating [\w-]+: cita el mié 14 ene, 8:00–10:00\. http:\/\/arrivo\.test\/j\//);
    expect(preview.body.text).toContain('Hola, Ana García:');
    expect(preview.body.text).toContain('Consultar el estado: http://arrivo.test/j/');
    expect(preview.body.html).toContain('lang="es"');
    expect(preview.body.html).toContain('background:#bf5700;');
    expect(preview.body.html).toContain('&lt;Traiga&gt; su referencia ARV-26-00123');
    expect(preview.body.html).toContain('Teléfono: +1 555 0100');
    expect(preview.body.html).toContain('Darse de baja de estos correos');

    // What the delivery worker will use.
    expect(await t.app.services.notificationTemplates.effective(w.companyId, 'appointment_scheduled', 'es')).toEqual({ ...spanish, action: 'Consultar el estado' });
  });

  it('saving again replaces the wording', async () => {
    const again = await call(t.app, 'PUT', url('appointment_scheduled', 'es'), { ...admin(), body: { ...spanish, sms: '' } });
    expect(again.status).toBe(200);
    expect(again.body.sms).toBe('');
    const rows = await t.db.selectFrom('notification_templates').selectAll().where('company_id', '=', w.companyId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sms).toBe('');
  });

  it('never shows one company’s wording to another', async () => {
    const list = await call(t.app, 'GET', '/api/notification-templates', { cookie: other.admin.cookie });
    expect(list.body.items.filter((i: any) => i.customised)).toEqual([]);
    expect(find(list.body.items, 'appointment_scheduled', 'es').subject).toBe(defaultTemplate('appointment_scheduled', 'es').subject);
    const preview = await call(t.app, 'POST', `${url('appointment_scheduled', 'es')}/preview`, { cookie: other.admin.cookie });
    expect(preview.body.subject).not.toContain('Cita confirmada');
    expect(preview.body.html).not.toContain('#bf5700');
    expect((await call(t.app, 'DELETE', url('appointment_scheduled', 'es'), { cookie: other.admin.cookie })).status).toBe(404);
    expect(await t.app.services.notificationTemplates.effective(other.companyId, 'appointment_scheduled', 'es')).toEqual(defaultTemplate('appointment_scheduled', 'es'));
  });

  it.each([
    ['body', { body: 'Hola {{{recipientName}}}' }],
    ['body', { body: '{{#window}}el {{window}}{{/window}}' }],
    ['body', { body: 'Total: {{amount}}' }],
    ['subject', { subject: 'Cita {{window' }],
    ['subject', { subject: '{{> header}}' }],
    ['sms', { sms: '{{=<% %>=}} <% link %>' }],
    ['sms', { sms: 'x'.repeat(481) }],
    ['subject', { subject: 'x'.repeat(201) }],
    ['body', { body: 'x'.repeat(5001) }],
  ])('refuses a bad %s with a 400 that names it', async (field, change) => {
    const answer = await call(t.app, 'PUT', url('job_created', 'en'), { ...admin(), body: { ...defaultTemplate('job_created', 'en'), action: undefined, ...change } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error.details.fields.map((f: any) => f.field)).toEqual([field]);
    expect(find((await call(t.app, 'GET', '/api/notification-templates', admin())).body.items, 'job_created', 'en').customised).toBe(false);
  });

  it('names several bad fields at once', async () => {
    const answer = await call(t.app, 'PUT', url('job_created', 'en'), { ...admin(), body: { subject: '{{nope}}', body: '{{&link}}', sms: 'fine {{link}}' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.fields.map((f: any) => f.field)).toEqual(['subject', 'body']);
  });

  it('refuses an unknown template, an unknown language and unknown fields', async () => {
    const body = { subject: 'Hi', body: 'Hello', sms: '' };
    const badTemplate = await call(t.app, 'PUT', url('job_exploded', 'en'), { ...admin(), body });
    expect(badTemplate.status).toBe(400);
    expect(badTemplate.body.error.details.fields[0].field).toBe('params.template');
    const badLocale = await call(t.app, 'POST', `${url('job_created', 'de')}/preview`, admin());
    expect(badLocale.status).toBe(400);
    expect(badLocale.body.error.details.fields[0].field).toBe('params.locale');
    const extra = await call(t.app, 'PUT', url('job_created', 'en'), { ...admin(), body: { ...body, action: 'Click' } });
    expect(extra.status).toBe(400);
    expect(extra.body.error.details.fields[0].field).toBe('action');
  });

  it('previews a draft without saving it, and refuses a bad draft naming the field', async () => {
    const draft = await call(t.app, 'POST', `${url('technician_on_the_way', 'fr')}/preview`, { ...admin(), body: { sms: '{{technicianName}} arrive vers {{eta}} : {{link}}' } });
    expect(draft.status).toBe(200);
    expect(draft.body.sms).toMatch(/^Alex Fixer arrive vers 10 h 25 \(dans 12 min\) : http:\/\/arrivo\.test\/j\//);
    // The parts left out of the draft come from the saved wording (here the default).
    expect(draft.body.subject).toBe('Alex Fixer est en route');
    expect(draft.body.text).toContain('Suivre le technicien : http://arrivo.test/j/');

    const stored = await t.db.selectFrom('notification_templates').select('template').where('company_id', '=', w.companyId).where('template', '=', 'technician_on_the_way').execute();
    expect(stored).toEqual([]);

    const bad = await call(t.app, 'POST', `${url('technician_on_the_way', 'fr')}/preview`, { ...admin(), body: { body: 'Bonjour {{customerName}}' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual([{ field: 'body', message: expect.stringContaining('{{customerName}}') }]);
  });

  it('previews staff messages with a console link and no unsubscribe link', async () => {
    const preview = await call(t.app, 'POST', `${url('customer_note', 'en')}/preview`, admin());
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe('Ana García added a note to ARV-26-00123');
    expect(preview.body.text).toContain('Open the job: http://arrivo.test/console/jobs/');
    expect(preview.body.html).not.toContain('Unsubscribe');
    expect(preview.body.sms).toBe('');
  });

  it('reverting restores the default; reverting a default is a 404', async () => {
    const reverted = await call(t.app, 'DELETE', url('appointment_scheduled', 'es'), admin());
    expect(reverted.status).toBe(200);
    expect(reverted.body).toMatchObject({ customised: false, updatedAt: null, ...defaultTemplate('appointment_scheduled', 'es') });
    const list = await call(t.app, 'GET', '/api/notification-templates', admin());
    expect(list.body.items.filter((i: any) => i.customised)).toEqual([]);

    const again = await call(t.app, 'DELETE', url('appointment_scheduled', 'es'), admin());
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('TEMPLATE_NOT_CUSTOMISED');
  });

  it('is for admins only', async () => {
    for (const caller of [{ cookie: w.dispatcher.cookie }, { cookie: w.technician.cookie }, { cookie: w.household.contact.cookie }]) {
      expect((await call(t.app, 'GET', '/api/notification-templates', caller)).status).toBe(403);
      expect((await call(t.app, 'PUT', url('job_created', 'en'), { ...caller, body: spanish })).status).toBe(403);
      expect((await call(t.app, 'DELETE', url('job_created', 'en'), caller)).status).toBe(403);
      expect((await call(t.app, 'POST', `${url('job_created', 'en')}/preview`, caller)).status).toBe(403);
    }
    expect((await call(t.app, 'GET', '/api/notification-templates')).status).toBe(401);
  });
});
