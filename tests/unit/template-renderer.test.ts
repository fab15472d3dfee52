import { describe, expect, it } from 'vitest';
import Mustache from 'mustache';
import {
  COMMON_VARIABLES,
  CUSTOMER_TEMPLATES,
  defaultTemplate,
  LOCALES,
  sampleVariables,
  STAFF_TEMPLATES,
  TEMPLATE_KEYS,
  TEMPLATE_VARIABLES,
  type Locale,
  type TemplateKey,
  type TemplateText,
} from '../../src/server/modules/notifications/templates/template-catalog.js';
import { renderMessage, validateTemplate } from '../../src/server/modules/notifications/templates/template-renderer.js';

const branding = { companyName: 'Acme Heating', brandColor: '#bf5700', logoUrl: null, phone: '+1 555 0100' };
const samples = (key: TemplateKey, locale: Locale) => sampleVariables(key, locale, { companyName: branding.companyName, companyPhone: branding.phone, baseUrl: 'https://arrivo.example' });
const render = (template: TemplateText, variables: Record<string, string>, locale: Locale = 'en', urls: { actionUrl?: string | null; unsubscribeUrl?: string | null } = {}) =>
  renderMessage({ template, variables, locale, branding, actionUrl: urls.actionUrl ?? 'https://arrivo.example/j/abc', unsubscribeUrl: urls.unsubscribeUrl ?? null });

describe('the default templates', () => {
  it('cover 24 messages, 15 for customers and 9 for staff', () => {
    expect(CUSTOMER_TEMPLATES).toHaveLength(15);
    expect(STAFF_TEMPLATES).toHaveLength(9);
    expect(TEMPLATE_KEYS).toHaveLength(24);
  });

  for (const key of TEMPLATE_KEYS) {
    for (const locale of LOCALES) {
      it(`${key} (${locale}) is valid, uses only its variables and renders completely`, () => {
        const template = defaultTemplate(key, locale);
        expect(validateTemplate(template, key)).toEqual([]);
        expect(template.subject.trim()).not.toBe('');
        expect(template.body.trim()).not.toBe('');
        expect(template.action).toBeTruthy();
        // Recipients with several jobs (and mail clients threading them) tell them apart by reference.
        expect(template.subject + template.body).toContain('{{reference}}');
        if (CUSTOMER_TEMPLATES.includes(key as never)) {
          expect(template.sms).toContain('{{link}}');
        }

        const rendered = render(template, samples(key, locale), locale, { unsubscribeUrl: 'https://arrivo.example/unsubscribe#token=t' });
        for (const output of [rendered.subject, rendered.text, rendered.html, rendered.sms]) {
          expect(output).not.toContain('{{');
          expect(output).not.toContain('}}');
        }
        expect(rendered.html).toContain(`lang="${locale}"`);
        expect(rendered.text).toContain(`${template.action}${locale === 'fr' ? ' : ' : ': '}https://arrivo.example/j/abc`);
        expect(rendered.sms.length).toBeLessThanOrEqual(300);
      });
    }
  }

  it('have their own wording in each language', () => {
    for (const key of TEMPLATE_KEYS) {
      const [en, es, fr] = LOCALES.map((locale) => defaultTemplate(key, locale));
      expect(new Set([en!.body, es!.body, fr!.body]).size).toBe(3);
      expect(new Set([en!.action, es!.action, fr!.action]).size).toBe(3);
    }
  });

  it('every variable a template offers has a sample value', () => {
    for (const key of TEMPLATE_KEYS) {
      for (const name of [...COMMON_VARIABLES, ...TEMPLATE_VARIABLES[key]]) expect(samples(key, 'fr')[name], `${key}.${name}`).toBeTruthy();
    }
  });

  it('defaultTemplate returns a copy the caller may change', () => {
    const copy = defaultTemplate('job_created', 'en');
    copy.subject = 'changed';
    expect(defaultTemplate('job_created', 'en').subject).not.toBe('changed');
  });
});

describe('renderMessage', () => {
  const template: TemplateText = { subject: 'Hello {{recipientName}}', body: 'Dear {{recipientName}},\n\nFrom {{companyName}}.\nSee {{link}}.', sms: '{{recipientName}}: {{link}}', action: 'Check status' };
  const hostile = { recipientName: '<script>alert(1)</script>', companyName: '"Bob & Co"', link: 'https://arrivo.example/j/abc?x=1&y=2' };

  it('escapes values in the HTML and keeps them as they are in the subject, text and SMS', () => {
    const rendered = render(template, hostile);
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(rendered.html).toContain('&quot;Bob &amp; Co&quot;');
    expect(rendered.subject).toBe('Hello <script>alert(1)</script>');
    expect(rendered.text).toContain('Dear <script>alert(1)</script>,');
    expect(rendered.text).toContain('From "Bob & Co".');
    expect(rendered.sms).toBe('<script>alert(1)</script>: https://arrivo.example/j/abc?x=1&y=2');
  });

  it('never changes Mustache’s global escape', () => {
    const before = Mustache.escape;
    render(template, hostile);
    expect(Mustache.escape).toBe(before);
    expect(Mustache.render('{{v}}', { v: '<b>' })).toBe('&lt;b&gt;');
  });

  it('escapes the template’s own text in the HTML too', () => {
    const rendered = render({ ...template, body: 'Temperature < 5 °C & <b>falling</b>' }, {});
    expect(rendered.html).toContain('Temperature &lt; 5 °C &amp; &lt;b&gt;falling&lt;/b&gt;');
    expect(rendered.text).toBe('Temperature < 5 °C & <b>falling</b>\n\nCheck status: https://arrivo.example/j/abc');
  });

  it('renders raw output as escaped and sections as nothing, even in a template that skipped validation', () => {
    const rendered = render({ ...template, body: '{{{recipientName}}} {{&recipientName}} {{#companyName}}x{{/companyName}} {{>partial}}' }, hostile);
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(rendered.html).not.toContain('>x<');
  });

  it('finds nothing on the view’s prototype', () => {
    expect(render({ ...template, sms: '[{{constructor}}][{{toString}}]' }, {}).sms).toBe('[][]');
  });

  it('makes paragraphs, line breaks and clickable links in the HTML; drops paragraphs left empty', () => {
    const rendered = render({ ...template, body: 'One\nline two\n\n{{notes}}\n\nSurvey: {{surveyLink}}.' }, { notes: '', surveyLink: 'https://arrivo.example/survey/1?a=1&b=2' });
    expect(rendered.html).toContain('<p style="margin:0 0 16px;">One<br>line two</p>');
    expect(rendered.html).toContain('Survey: <a href="https://arrivo.example/survey/1?a=1&amp;b=2" style="color:#bf5700;">https://arrivo.example/survey/1?a=1&amp;b=2</a>.</p>');
    expect(rendered.html.match(/<p /g)).toHaveLength(2);
    expect(rendered.text).toBe('One\nline two\n\nSurvey: https://arrivo.example/survey/1?a=1&b=2.\n\nCheck status: https://arrivo.example/j/abc');
  });

  it('brands the e-mail: company name at the top, its colour on the button, phone and unsubscribe link in the footer', () => {
    const rendered = render(template, { recipientName: 'Ana' }, 'en', { unsubscribeUrl: 'https://arrivo.example/unsubscribe#token=u_1' });
    expect(rendered.html).toMatch(/^<!DOCTYPE html>/);
    expect(rendered.html).toContain('<title>Hello Ana</title>');
    expect(rendered.html).toContain('>Acme Heating</span>');
    expect(rendered.html).toContain('background:#bf5700;');
    expect(rendered.html).toContain('<a href="https://arrivo.example/j/abc" style="display:inline-block;');
    expect(rendered.html).toContain('>Check status</a>');
    expect(rendered.html).toContain('Phone: +1 555 0100');
    expect(rendered.html).toContain('<a href="https://arrivo.example/unsubscribe#token=u_1" style="color:#6b7280;">Unsubscribe from these e-mails</a>');
    expect(rendered.text).toBe('Dear Ana,\n\nFrom .\nSee .\n\nCheck status: https://arrivo.example/j/abc\n\nUnsubscribe: https://arrivo.example/unsubscribe#token=u_1');
  });

  it('shows the logo when there is one, and translates the footer', () => {
    const es = renderMessage({
      template,
      variables: {},
      locale: 'es',
      branding: { ...branding, logoUrl: 'https://cdn.example/logo.png' },
      actionUrl: null,
      unsubscribeUrl: 'https://arrivo.example/unsubscribe#token=u_1',
    });
    expect(es.html).toContain('<img src="https://cdn.example/logo.png" alt="Acme Heating"');
    expect(es.html).toContain('Teléfono: +1 555 0100');
    expect(es.html).toContain('Darse de baja de estos correos');
    expect(es.text).toContain('Darse de baja: https://arrivo.example/unsubscribe#token=u_1');
    // No job link: no button and no action line.
    expect(es.html).not.toContain('Check status');
    expect(es.text).not.toContain('Check status');

    const fr = render(template, {}, 'fr', { unsubscribeUrl: 'https://arrivo.example/unsubscribe#token=u_1' });
    expect(fr.html).toContain('Téléphone : +1 555 0100');
    expect(fr.html).toContain('Se désabonner de ces e-mails');
    expect(fr.text).toContain('Se désabonner : https://arrivo.example/unsubscribe#token=u_1');
  });

  it('leaves out the footer link without an unsubscribe URL and the phone without a phone', () => {
    const rendered = renderMessage({ template, variables: {}, locale: 'en', branding: { ...branding, phone: null }, actionUrl: null, unsubscribeUrl: null });
    expect(rendered.html).not.toContain('Unsubscribe');
    expect(rendered.html).not.toContain('Phone');
  });

  it('refuses a brand colour that is not a colour, and picks a readable button text', () => {
    const hostileColour = renderMessage({ template, variables: {}, locale: 'en', branding: { ...branding, brandColor: 'red;background:url(x)' }, actionUrl: 'https://a.example', unsubscribeUrl: null });
    expect(hostileColour.html).not.toContain('url(x)');
    const light = renderMessage({ template, variables: {}, locale: 'en', branding: { ...branding, brandColor: '#ffe600' }, actionUrl: 'https://a.example', unsubscribeUrl: null });
    expect(light.html).toContain('color:#111827;text-decoration:none');
  });

  it('keeps the subject and SMS on one line', () => {
    const rendered = render({ ...template, subject: 'Re: {{recipientName}}', sms: 'Hi  {{recipientName}}  {{reason}} bye' }, { recipientName: 'Ana\nGarcía' });
    expect(rendered.subject).toBe('Re: Ana García');
    expect(rendered.sms).toBe('Hi Ana García bye');
  });
});

describe('validateTemplate', () => {
  const problems = (text: Partial<TemplateText>, key: TemplateKey = 'appointment_scheduled') => validateTemplate(text, key);
  const fieldsOf = (text: Partial<TemplateText>, key?: TemplateKey) => problems(text, key).map((p) => p.field);

  it('accepts plain text, comments and the template’s variables', () => {
    expect(problems({ subject: 'Booked: {{ window }}', body: 'Hi {{recipientName}} {{! a note for editors }}', sms: '' })).toEqual([]);
  });

  it.each([
    ['triple mustache', '{{{recipientName}}}'],
    ['ampersand', '{{& recipientName}}'],
    ['section', '{{#window}}on {{window}}{{/window}}'],
    ['inverted section', '{{^window}}soon{{/window}}'],
    ['partial', '{{> footer}}'],
    ['delimiter change', '{{=<% %>=}} <% window %>'],
    ['unclosed tag', 'Hello {{recipientName'],
    ['unclosed section', '{{#window}} on'],
    ['stray closing braces', 'Hello recipientName}}'],
    ['unknown variable', 'Hello {{password}}'],
    ['variable of another template', 'Total {{amount}}'],
    ['dotted name', '{{companyName.length}}'],
    ['empty tag', '{{}}'],
  ])('refuses a %s', (_label, text) => {
    expect(fieldsOf({ body: text })).toEqual(['body']);
    expect(fieldsOf({ subject: text })).toEqual(['subject']);
    expect(fieldsOf({ sms: text })).toEqual(['sms']);
  });

  it('names the unknown variable', () => {
    expect(problems({ body: 'Total {{amount}}' })[0]!.message).toContain('{{amount}}');
    expect(problems({ body: 'Total {{amount}}' }, 'invoice_shared')).toEqual([]);
  });

  it('limits lengths: subject 200, SMS 480, body 5000', () => {
    expect(fieldsOf({ subject: 'x'.repeat(200), sms: 'x'.repeat(480), body: 'x'.repeat(5000) })).toEqual([]);
    expect(fieldsOf({ subject: 'x'.repeat(201), sms: 'x'.repeat(481), body: 'x'.repeat(5001) })).toEqual(['subject', 'body', 'sms']);
  });

  it('wants a subject and a body, a one-line subject, and allows an empty SMS (no SMS sent)', () => {
    expect(fieldsOf({ subject: '  ', body: '', sms: '' })).toEqual(['subject', 'body']);
    expect(fieldsOf({ subject: 'Two\nlines' })).toEqual(['subject']);
  });
});
