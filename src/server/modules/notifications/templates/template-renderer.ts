import Mustache from 'mustache';
import { COMMON_VARIABLES, TEMPLATE_VARIABLES, type Locale, type TemplateKey, type TemplateText } from './template-catalog.js';
import { escapeHtml } from '../../../lib/html.js';

export const TEMPLATE_LIMITS = { subject: 200, body: 5000, sms: 480 } as const;

export interface Branding {
  companyName: string;
  brandColor: string;
  logoUrl: string | null;
  phone: string | null;
}

export interface RenderInput {
  template: TemplateText;
  variables: Record<string, string>;
  locale: Locale;
  branding: Branding;
  /** Where the e-mail's button leads (the job link); no button without it. */
  actionUrl: string | null;
  unsubscribeUrl: string | null;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  sms: string;
}

/** The few words the e-mail frame itself says, in each language. */
const FRAME_WORDS: Record<Locale, { colon: string; phone: string; unsubscribe: string; unsubscribeLine: string; why: string }> = {
  en: { colon: ': ', phone: 'Phone:', unsubscribe: 'Unsubscribe from these e-mails', unsubscribeLine: 'Unsubscribe', why: 'You are receiving this e-mail about your job with {company}.' },
  es: { colon: ': ', phone: 'Teléfono:', unsubscribe: 'Darse de baja de estos correos', unsubscribeLine: 'Darse de baja', why: 'Recibe este correo por su trabajo con {company}.' },
  fr: { colon: ' : ', phone: 'Téléphone :', unsubscribe: 'Se désabonner de ces e-mails', unsubscribeLine: 'Se désabonner', why: 'Vous recevez cet e-mail au sujet de votre intervention avec {company}.' },
};

const FALLBACK_COLOR = '#0f62fe';


const keepAsIs = (value: unknown) => String(value);

type Token = string[];

/**
 * Renders with Mustache, keeping only what company templates may contain: literal text and
 * `{{variable}}`. Raw output (`{{{ }}}`, `{{& }}`) is escaped like any variable, and sections,
 * partials and comments render nothing, so even a template that slipped past validation cannot
 * inject markup. For HTML the template's own text is escaped too: an admin typing `<` or `&`
 * gets those characters, not markup.
 *
 * A fresh Writer per call: its parse cache would otherwise grow with every preview draft.
 */
function renderTemplate(template: string, view: Record<string, string>, mode: 'html' | 'plain'): string {
  const writer = new Mustache.Writer();
  const tokens = (writer.parse(template) as Token[]).flatMap((token): Token[] => {
    const [kind, value, start, end] = token as [string, string, number, number];
    if (kind === 'text') return [['text', mode === 'html' ? escapeHtml(value) : value, String(start), String(end)]];
    if (kind === 'name' || kind === '&') return [['name', value, String(start), String(end)]];
    return [];
  });
  return writer.renderTokens(tokens, new Mustache.Context(view), undefined, undefined, { escape: mode === 'html' ? escapeHtml : keepAsIs });
}

/** Only string values, on an object without a prototype: `{{constructor}}` finds nothing. */
function viewOf(variables: Record<string, string>): Record<string, string> {
  const view = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(variables)) if (typeof value === 'string') view[name] = value;
  return view;
}

/** Paragraphs of a rendered body, without the empty ones left by variables with no value. */
const paragraphsOf = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Makes the http(s) addresses of already-escaped text clickable. */
function linkify(escaped: string, color: string): string {
  return escaped.replace(/https?:\/\/[^\s<>"']+/g, (match) => {
    const url = match.replace(/[.,;:!?)]+$/, '');
    const rest = match.slice(url.length);
    return `<a href="${url}" style="color:${color};">${url}</a>${rest}`;
  });
}

const safeColor = (color: string) => (/^#(?:[0-9a-fA-F]{3}){1,2}$/.test(color) ? color : FALLBACK_COLOR);
const safeUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

/** Dark text on light brand colours, white on dark ones, so the button stays readable. */
function textColorOn(hex: string): string {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return luminance > 0.45 ? '#111827' : '#ffffff';
}

/**
 * One message in every form it can be sent: e-mail subject, plain text and HTML (branded, with the
 * job button and the unsubscribe link), and the SMS. Values are escaped for HTML in the HTML only.
 */
export function renderMessage(input: RenderInput): RenderedMessage {
  const { template, locale, branding } = input;
  const view = viewOf(input.variables);
  const words = FRAME_WORDS[locale];
  const action = template.action && input.actionUrl ? { label: template.action, url: input.actionUrl } : null;

  const subject = oneLine(renderTemplate(template.subject, view, 'plain'));
  const paragraphs = paragraphsOf(renderTemplate(template.body, view, 'plain'));
  const sms = oneLine(renderTemplate(template.sms, view, 'plain'));

  const text = [
    ...paragraphs,
    ...(action ? [`${action.label}${words.colon}${action.url}`] : []),
    ...(input.unsubscribeUrl ? [`${words.unsubscribeLine}${words.colon}${input.unsubscribeUrl}`] : []),
  ].join('\n\n');

  const color = safeColor(branding.brandColor);
  const htmlParagraphs = paragraphsOf(renderTemplate(template.body, view, 'html')).map(
    (p) => `<p style="margin:0 0 16px;">${linkify(p, color).replace(/\n/g, '<br>')}</p>`,
  );
  const html = emailHtml({
    locale,
    title: escapeHtml(subject),
    company: escapeHtml(branding.companyName),
    logoUrl: safeUrl(branding.logoUrl),
    color,
    paragraphs: htmlParagraphs,
    action,
    phone: branding.phone,
    unsubscribeUrl: safeUrl(input.unsubscribeUrl),
    words,
  });
  return { subject, text, html, sms };
}

function emailHtml(parts: {
  locale: Locale;
  title: string;
  company: string;
  logoUrl: string | null;
  color: string;
  paragraphs: string[];
  action: { label: string; url: string } | null;
  phone: string | null;
  unsubscribeUrl: string | null;
  words: (typeof FRAME_WORDS)[Locale];
}): string {
  const { color, company, words } = parts;
  const header = parts.logoUrl
    ? `<img src="${escapeHtml(parts.logoUrl)}" alt="${company}" height="40" style="display:block;height:40px;max-width:240px;border:0;">`
    : `<span style="font-size:20px;font-weight:bold;color:${color};">${company}</span>`;
  const button = parts.action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px;"><tr><td style="border-radius:6px;background:${color};">` +
      `<a href="${escapeHtml(parts.action.url)}" style="display:inline-block;padding:12px 24px;font-weight:bold;color:${textColorOn(color)};text-decoration:none;border-radius:6px;">${escapeHtml(parts.action.label)}</a>` +
      `</td></tr></table>`
    : '';
  const footer = [
    `<strong>${company}</strong>${parts.phone ? ` · ${escapeHtml(words.phone)} ${escapeHtml(parts.phone)}` : ''}`,
    ...(parts.unsubscribeUrl
      ? [escapeHtml(words.why).replace('{company}', company), `<a href="${escapeHtml(parts.unsubscribeUrl)}" style="color:#6b7280;">${escapeHtml(words.unsubscribe)}</a>`]
      : []),
  ].join('<br>');
  return `<!DOCTYPE html>
<html lang="${parts.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${parts.title}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;border-radius:8px;border-top:4px solid ${color};font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#111827;">
<tr><td style="padding:24px 32px 8px;">${header}</td></tr>
<tr><td style="padding:16px 32px 8px;">
${parts.paragraphs.join('\n')}
${button}
</td></tr>
<tr><td style="padding:16px 32px 24px;border-top:1px solid #e5e7eb;font-size:13px;line-height:1.6;color:#6b7280;">${footer}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
}

export interface TemplateProblem {
  field: 'subject' | 'body' | 'sms';
  message: string;
}

const REFUSED_TAGS: [RegExp, string][] = [
  [/\{\{\{/, 'uses {{{ }}}, which would skip escaping; use {{variable}}'],
  [/\{\{\s*&/, 'uses {{& }}, which would skip escaping; use {{variable}}'],
  [/\{\{\s*[#^/]/, 'uses a section ({{# }}, {{^ }} or {{/ }}); only {{variable}} is allowed'],
  [/\{\{\s*>/, 'uses a partial ({{> }}); only {{variable}} is allowed'],
  [/\{\{\s*=/, 'changes the delimiters ({{= }}); only {{variable}} is allowed'],
];

/**
 * What is wrong with a company's wording of a template, field by field (empty when nothing is).
 * Only `{{variable}}` with a variable the template offers, and comments, are accepted.
 */
export function validateTemplate(text: Partial<Pick<TemplateText, 'subject' | 'body' | 'sms'>>, key: TemplateKey): TemplateProblem[] {
  const allowed = new Set<string>([...COMMON_VARIABLES, ...TEMPLATE_VARIABLES[key]]);
  const problems: TemplateProblem[] = [];
  for (const field of ['subject', 'body', 'sms'] as const) {
    const value = text[field];
    if (value === undefined) continue;
    const problem = problemOf(field, value, allowed);
    if (problem) problems.push({ field, message: problem });
  }
  return problems;
}

function problemOf(field: 'subject' | 'body' | 'sms', value: string, allowed: Set<string>): string | undefined {
  if (value.length > TEMPLATE_LIMITS[field]) return `must be at most ${TEMPLATE_LIMITS[field]} characters`;
  if (field !== 'sms' && value.trim() === '') return 'must not be empty';
  if (field === 'subject' && /[\r\n]/.test(value)) return 'must be a single line';
  for (const [pattern, message] of REFUSED_TAGS) if (pattern.test(value)) return message;
  let tokens: Token[];
  try {
    tokens = new Mustache.Writer().parse(value) as Token[];
  } catch (error) {
    return `cannot be read: ${(error as Error).message} (check that every {{ has its }})`;
  }
  for (const [kind, name] of tokens as [string, string][]) {
    if (kind === 'text' || kind === '!') continue;
    if (kind !== 'name') return 'uses a construct other than {{variable}}';
    if (!allowed.has(name)) return `uses {{${name}}}, which this message does not offer; available: ${[...allowed].join(', ')}`;
  }
  // A stray `}}` parses as text; it is almost always a typo for a variable.
  if (tokens.some(([kind, text]) => kind === 'text' && /\{\{|\}\}/.test(text ?? ''))) return 'has unbalanced braces: write variables as {{name}}';
  return undefined;
}
