import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The few server-rendered pages that links in mail and the console lead to: first-run set-up,
 * job links, customer sign-in, staff sign-in and a plain job status page. They hold no data
 * themselves: each one calls the API from the browser, so the token never stays in the URL.
 */
const layout = (title: string, body: string, script: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${title} · Arrivo</title>
<style>
:root{--brand:#0f62fe;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1b1f24;background:#f5f7fa}
body{margin:0}main{max-width:560px;margin:0 auto;padding:24px 16px}h1{font-size:1.5rem;margin:0 0 16px}
.card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08);margin-bottom:16px}
label{display:block;font-weight:600;margin:12px 0 4px}input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #9aa4b2;border-radius:8px;font:inherit}
button{margin-top:16px;background:var(--brand);color:#fff;border:0;border-radius:8px;padding:12px 18px;font:inherit;font-weight:600;cursor:pointer}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.error{color:#b00020}pre{overflow-wrap:anywhere}.muted{color:#5b6573}ol{padding-left:20px}li{margin:6px 0}.status{font-size:1.25rem;font-weight:700;color:var(--brand)}
</style></head><body><main>${body}</main><script type="module">${script}</script></body></html>`;

const send = (reply: FastifyReply, html: string) =>
  reply
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Referrer-Policy', 'no-referrer')
    .header('Cache-Control', 'no-store')
    .header('Content-Security-Policy', "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' https: data:; base-uri 'none'; form-action 'self'")
    .send(html);

const COMMON = `
const $ = (s) => document.querySelector(s);
const api = async (method, url, body) => {
  const res = await fetch(url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin' });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new Error(data?.error?.message ?? res.statusText);
  return data;
};
// Times are shown in the company's time zone once the page knows it: that is where the visit happens.
let timeZone;
const fmt = (iso) => new Date(iso).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZone });
const text = (el, value) => { el.textContent = value; return el; };
const fragmentToken = () => { const t = new URLSearchParams(location.hash.slice(1)).get('token'); history.replaceState(null, '', location.pathname); return t; };
`;

const JOB_PAGE_SCRIPT = `
const STATUS = { created: 'Request received', scheduled: 'Scheduled', rescheduled: 'Rescheduled', en_route: 'On the way', in_progress: 'In progress', paused: 'Paused', completed: 'Completed', cancelled: 'Cancelled' };
async function showJob(jobId) {
  const job = await api('GET', '/api/portal/jobs/' + jobId);
  document.title = job.reference + ' · ' + job.company.name;
  document.documentElement.style.setProperty('--brand', job.company.brandColor);
  timeZone = job.company.timezone;
  text($('#title'), job.company.name + ' · ' + job.reference);
  text($('#status'), STATUS[job.status] + (job.appointment && ['scheduled','rescheduled'].includes(job.status) ? ': ' + fmt(job.appointment.windowStart) + ' – ' + new Date(job.appointment.windowEnd).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit', timeZone }) : ''));
  text($('#what'), job.category + ' at ' + job.location.address);
  text($('#tech'), job.technician ? 'Technician: ' + job.technician.name : '');
  text($('#phone'), job.company.phone ? 'Questions? Call ' + job.company.phone : '');
  const list = $('#timeline'); list.replaceChildren();
  for (const entry of job.timeline) { const li = document.createElement('li'); li.textContent = fmt(entry.at) + ' — ' + entry.type.replace('job.', '').replace('_', ' ') + (entry.data.text ? ': ' + entry.data.text : entry.data.message ? ': ' + entry.data.message : ''); list.append(li); }
}`;

const JOB_BODY = `<h1 id="title">Your job</h1><div class="card"><p id="status" class="status" aria-live="polite">Loading…</p><p id="what"></p><p id="tech"></p><p id="phone" class="muted"></p></div>
<div class="card"><h2>Activity</h2><ol id="timeline"></ol></div><p id="error" class="error" role="alert"></p>`;

/** The request as the log shows it, with a job link's token masked. */
const jobLinkRequestForLog = (request: FastifyRequest) => ({
  method: request.method,
  url: request.url.replace(/^\/j\/[^/?#]+/, '/j/[token]'),
  host: request.host,
  remoteAddress: request.ip,
});

export const pagesRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', async (_request, reply) => {
    const needed = await app.services.companies.setupNeeded();
    return send(
      reply,
      layout(
        'Welcome',
        `<h1>Arrivo</h1><div class="card"><p>${needed ? 'This installation has no company yet: open the set-up link printed in the server log.' : 'Customer portal and dispatch back office.'}</p>
<p><a href="/sign-in">Staff sign-in</a> · <a href="/api/docs">API reference</a></p></div>`,
        '',
      ),
    );
  });

  app.get('/setup', async (_request, reply) =>
    send(
      reply,
      layout(
        'Set up',
        `<h1>Set up your company</h1><form id="f" class="card">
<label for="cn">Company name</label><input id="cn" required maxlength="120">
<label for="cs">Web address name (letters, digits, dashes)</label><input id="cs" required pattern="[a-z0-9]+(-[a-z0-9]+)*">
<label for="tz">Time zone</label><input id="tz" required>
<label for="an">Your name</label><input id="an" required>
<label for="ae">Your email</label><input id="ae" type="email" required>
<label for="ap">Password (at least 12 characters)</label><input id="ap" type="password" minlength="12" required>
<button>Create company</button><p id="error" class="error" role="alert"></p></form>`,
        `${COMMON}
const token = fragmentToken();
$('#tz').value = Intl.DateTimeFormat().resolvedOptions().timeZone;
$('#f').addEventListener('submit', async (e) => { e.preventDefault();
  try { await api('POST', '/api/setup', { token, company: { name: $('#cn').value, slug: $('#cs').value, timezone: $('#tz').value }, admin: { name: $('#an').value, email: $('#ae').value, password: $('#ap').value } });
    $('#f').replaceChildren(text(document.createElement('p'), 'Your company is ready and you are signed in.'), Object.assign(document.createElement('a'), { href: '/api/docs', textContent: 'Open the API reference' }));
  } catch (err) { text($('#error'), err.message); } });`,
      ),
    ),
  );

  app.get('/sign-in', async (_request, reply) =>
    send(
      reply,
      layout(
        'Sign in',
        `<h1>Staff sign-in</h1><form id="f" class="card"><label for="e">Email</label><input id="e" type="email" autocomplete="username" required>
<label for="p">Password</label><input id="p" type="password" autocomplete="current-password" required><button>Sign in</button><p id="error" class="error" role="alert"></p></form>`,
        `${COMMON}
const params = new URLSearchParams(location.search); if (params.get('email')) $('#e').value = params.get('email');
$('#f').addEventListener('submit', async (e) => { e.preventDefault();
  try { const { user } = await api('POST', '/api/auth/sign-in', { email: $('#e').value, password: $('#p').value });
    $('#f').replaceChildren(text(document.createElement('p'), 'Signed in as ' + user.name + ' (' + user.role + ').'), Object.assign(document.createElement('a'), { href: '/api/docs', textContent: 'Open the API reference' }));
  } catch (err) { text($('#error'), err.message); } });`,
      ),
    ),
  );

  // A job link: the token moves into a cookie scoped to the job, then the URL no longer shows it.
  // The token is in the path, so the request log shows the path without it: the database keeps only
  // a hash, and the logs (often shipped elsewhere) must not keep more.
  app.get('/j/:token', { logSerializers: { req: jobLinkRequestForLog } }, async (_request, reply) =>
    send(
      reply,
      layout(
        'Your job',
        JOB_BODY,
        `${COMMON}${JOB_PAGE_SCRIPT}
const token = location.pathname.split('/').pop();
history.replaceState(null, '', '/portal');
try { const { jobId } = await api('POST', '/api/portal/job-links/redeem', { token }); history.replaceState(null, '', '/portal/jobs/' + jobId); await showJob(jobId); }
catch (err) { text($('#status'), ''); text($('#error'), err.message); }`,
      ),
    ),
  );

  app.get('/portal/jobs/:jobId', async (_request, reply) =>
    send(
      reply,
      layout('Your job', JOB_BODY, `${COMMON}${JOB_PAGE_SCRIPT}
showJob(location.pathname.split('/').pop()).catch((err) => { text($('#status'), ''); text($('#error'), err.message); });`),
    ),
  );

  // The unsubscribe link of an e-mail: the token is in the fragment; the page POSTs it.
  app.get('/unsubscribe', async (_request, reply) =>
    send(
      reply,
      layout(
        'Unsubscribe',
        `<h1>E-mail updates</h1><div class="card"><p id="status" aria-live="polite">Unsubscribing…</p></div><p id="error" class="error" role="alert"></p>`,
        `${COMMON}
const token = fragmentToken();
try { const { companyName } = await api('POST', '/api/notifications/unsubscribe', { token });
  text($('#status'), 'You will no longer receive job e-mails from ' + companyName + '. You can turn them back on in your portal settings.'); }
catch (err) { text($('#status'), ''); text($('#error'), err.message); }`,
      ),
    ),
  );

  // Without SMTP or SMS configured: what Arrivo would have sent, so every link can be followed.
  app.get('/dev/mailbox', async (_request, reply) =>
    send(
      reply,
      layout(
        'Dev mailbox',
        `<h1>Dev mailbox</h1><p class="muted">E-mails and SMS this instance would have sent (no SMTP_URL / SMS_URL set). Sign in as a dispatcher or admin first.</p><div id="list"></div><p id="error" class="error" role="alert"></p>`,
        `${COMMON}
try { const { items } = await api('GET', '/api/dev/mailbox');
  if (!items.length) text($('#list'), 'Nothing sent yet.');
  for (const m of items) { const card = document.createElement('div'); card.className = 'card';
    const head = document.createElement('p'); head.textContent = fmt(m.at) + ' · ' + m.channel.toUpperCase() + ' to ' + m.to + (m.subject ? ' — ' + m.subject : '');
    const body = document.createElement('pre'); body.style.whiteSpace = 'pre-wrap';
    for (const part of m.text.split(/(https?:\\/\\/\\S+)/)) body.append(/^https?:\\/\\//.test(part) ? Object.assign(document.createElement('a'), { href: part, textContent: part }) : part);
    card.append(head, body); $('#list').append(card); }
} catch (err) { text($('#error'), err.message); }`,
      ),
    ),
  );

  // A customer's sign-in link: the page redeems the token by POST, so a mail scanner's GET uses nothing.
  app.get('/portal/sign-in', async (_request, reply) =>
    send(
      reply,
      layout(
        'Sign in',
        `<h1>Your jobs</h1><div class="card"><p id="status" aria-live="polite">Signing you in…</p><ol id="jobs"></ol></div><p id="error" class="error" role="alert"></p>`,
        `${COMMON}
const token = fragmentToken();
try { if (token) await api('POST', '/api/portal/sign-in', { token });
  const { items } = await api('GET', '/api/portal/jobs');
  text($('#status'), items.length ? 'Open a job to see where it stands.' : 'You have no jobs yet.');
  for (const job of items) { const li = document.createElement('li'); li.append(Object.assign(document.createElement('a'), { href: '/portal/jobs/' + job.id, textContent: job.reference + ' — ' + job.category + ' (' + job.status.replace('_', ' ') + ')' })); $('#jobs').append(li); }
} catch (err) { text($('#status'), ''); text($('#error'), err.message); }`,
      ),
    ),
  );
};
