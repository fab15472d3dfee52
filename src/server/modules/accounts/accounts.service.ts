import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/passwords.js';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import { DAY, HOUR, MINUTE, isoAfter } from '../../lib/clock.js';
import { escapeHtml } from '../../lib/html.js';
import * as companies from '../companies/companies.repository.js';
import * as customers from '../customers/customers.repository.js';
import { isContactOnJob } from '../jobs/jobs.repository.js';
import * as repo from './accounts.repository.js';
import type { StaffRole, UserRow } from './accounts.table.js';
import type { CustomerPrincipal, JobLinkPrincipal, StaffPrincipal } from './principal.js';

export const SIGN_IN_LINK_TTL = 15 * MINUTE;
/** At most this many sign-in links per address per SIGN_IN_LINK_TTL; more requests are answered the same but send nothing. */
export const SIGN_IN_LINKS_PER_WINDOW = 3;
export const MIN_PASSWORD_LENGTH = 12;
// Refreshing last_seen_at on every request would turn every read into a write.
const SESSION_TOUCH_INTERVAL = HOUR;

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  language: string;
  active: boolean;
  createdAt: string;
}

export const toUserDto = (user: UserRow): UserDto => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  language: user.language,
  active: user.active === 1,
  createdAt: user.created_at,
});

/** Sign-in for staff and customers, sessions, job links and API keys. */
export class AccountsService {
  private dummyHash: Promise<string> | undefined;
  constructor(private readonly ctx: AppContext) {}

  private now() {
    return this.ctx.clock.now();
  }

  async signInStaff(email: string, password: string): Promise<{ token: string; user: UserDto; expiresAt: string }> {
    const user = await repo.findUserByEmail(this.ctx.db, email);
    if (!user || !user.password_hash || user.active !== 1) {
      // Spend the same time as a real check so response times do not reveal which emails exist.
      this.dummyHash ??= dummyPasswordHash(this.ctx.config.passwordHashCost);
      await verifyPassword(password, await this.dummyHash);
      throw new AppError(401, 'INVALID_CREDENTIALS', 'The email or password is not right.');
    }
    if (!(await verifyPassword(password, user.password_hash))) throw new AppError(401, 'INVALID_CREDENTIALS', 'The email or password is not right.');
    const { token, expiresAt } = await this.createSession(user.company_id, 'user', user.id);
    return { token, user: toUserDto(user), expiresAt };
  }

  async createSession(companyId: string, subjectKind: 'user' | 'contact', subjectId: string) {
    const token = newSecretToken('s_');
    const now = this.now();
    const expiresAt = isoAfter(now, this.ctx.config.sessionTtlHours * HOUR);
    await repo.insertSession(this.ctx.db, {
      id: newId(),
      token_hash: hashToken(token),
      company_id: companyId,
      subject_kind: subjectKind,
      subject_id: subjectId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    });
    return { token, expiresAt };
  }

  /** The principal a session cookie stands for, if the session is live and its subject still may sign in. */
  async resolveSession(token: string): Promise<StaffPrincipal | CustomerPrincipal | undefined> {
    const now = this.now();
    const session = await repo.findLiveSession(this.ctx.db, hashToken(token), now.toISOString());
    if (!session) return undefined;
    if (now.getTime() - new Date(session.last_seen_at).getTime() > SESSION_TOUCH_INTERVAL) {
      await repo.touchSession(this.ctx.db, session.id, now.toISOString());
    }
    if (session.subject_kind === 'user') {
      const user = await repo.findUser(this.ctx.db, session.company_id, session.subject_id);
      if (!user || user.active !== 1) return undefined;
      return { role: user.role, companyId: user.company_id, userId: user.id, sessionId: session.id, name: user.name, email: user.email };
    }
    const contact = await customers.findContact(this.ctx.db, session.company_id, session.subject_id);
    if (!contact) return undefined;
    return {
      role: contact.role === 'admin' ? 'customer_admin' : 'customer_member',
      companyId: contact.company_id,
      contactId: contact.id,
      customerId: contact.customer_id,
      sessionId: session.id,
      name: contact.name,
    };
  }

  signOut(sessionId: string) {
    return repo.deleteSession(this.ctx.db, sessionId);
  }

  async listUsers(companyId: string) {
    return (await repo.listUsers(this.ctx.db, companyId)).map(toUserDto);
  }

  async createUser(companyId: string, input: { email: string; name: string; role: StaffRole; password: string; language?: string }): Promise<UserDto> {
    const email = input.email.toLowerCase();
    if (await repo.findUserByEmail(this.ctx.db, email)) throw conflict('EMAIL_TAKEN', 'A user with this email already exists.', { field: 'email' });
    const now = this.now().toISOString();
    const user = {
      id: newId(),
      company_id: companyId,
      email,
      name: input.name,
      role: input.role,
      language: input.language ?? 'en',
      password_hash: await hashPassword(input.password, this.ctx.config.passwordHashCost),
      active: 1,
      created_at: now,
      updated_at: now,
    };
    await this.ctx.db.transaction().execute(async (trx) => {
      await repo.insertUser(trx, user);
      if (input.role === 'technician') {
        await trx.insertInto('technician_profiles').values({ user_id: user.id, company_id: companyId, skills: '[]', bio_status: 'none' }).execute();
      }
    });
    return toUserDto(user);
  }

  async updateUser(companyId: string, userId: string, input: { name?: string; active?: boolean; password?: string; language?: string }): Promise<UserDto> {
    const user = await repo.findUser(this.ctx.db, companyId, userId);
    if (!user) throw notFound('USER_NOT_FOUND', 'No such user.');
    await repo.updateUser(this.ctx.db, companyId, userId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.language !== undefined ? { language: input.language } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      ...(input.password !== undefined ? { password_hash: await hashPassword(input.password, this.ctx.config.passwordHashCost) } : {}),
      updated_at: this.now().toISOString(),
    });
    if (input.active === false || input.password !== undefined) {
      await this.ctx.db.deleteFrom('sessions').where('subject_kind', '=', 'user').where('subject_id', '=', userId).execute();
    }
    return toUserDto((await repo.findUser(this.ctx.db, companyId, userId))!);
  }

  /**
   * Sends a sign-in link to a known contact. Answers nothing either way, so the caller learns
   * nothing about which addresses exist; the mail is sent in the background for the same reason.
   */
  async requestCustomerSignInLink(companySlug: string, email: string): Promise<void> {
    const company = await companies.findCompanyBySlug(this.ctx.db, companySlug);
    if (!company) return;
    const contact = await customers.findContactByEmail(this.ctx.db, company.id, email);
    if (!contact || !contact.email) return;
    const now = this.now();
    const recent = await repo.countRecentSignInTokens(this.ctx.db, contact.id, isoAfter(now, -SIGN_IN_LINK_TTL));
    if (recent >= SIGN_IN_LINKS_PER_WINDOW) {
      this.ctx.logger.warn({ contactId: contact.id }, 'sign-in link limit reached for address');
      return;
    }
    const token = newSecretToken('m_');
    await repo.insertSignInToken(this.ctx.db, {
      id: newId(),
      company_id: company.id,
      contact_id: contact.id,
      token_hash: hashToken(token),
      created_at: now.toISOString(),
      expires_at: isoAfter(now, SIGN_IN_LINK_TTL),
    });
    // The token rides in the fragment: browsers never send it to a server or in a Referer.
    const link = `${this.ctx.config.publicUrl}/portal/sign-in#token=${token}`;
    const to = contact.email;
    void this.ctx.mailer
      .send({
        to,
        subject: `Your sign-in link for ${company.name}`,
        text: `Hello ${contact.name},\n\nUse this link to sign in to ${company.name}. It works once, for 15 minutes:\n\n${link}\n\nIf you did not ask for it, you can ignore this message.`,
        html: `<p>Hello ${escapeHtml(contact.name)},</p><p>Use this link to sign in to ${escapeHtml(company.name)}. It works once, for 15 minutes:</p><p><a href="${escapeHtml(link)}">Sign in to ${escapeHtml(company.name)}</a></p><p>If you did not ask for it, you can ignore this message.</p>`,
      })
      .catch((error: unknown) => this.ctx.logger.error({ err: error, contactId: contact.id }, 'sign-in link mail failed'));
  }

  /** Exchanges a sign-in link's token (once) for a customer session. */
  async redeemCustomerSignIn(token: string) {
    const now = this.now().toISOString();
    const used = await repo.consumeSignInToken(this.ctx.db, hashToken(token), now);
    if (!used) throw new AppError(401, 'SIGN_IN_LINK_INVALID', 'This sign-in link has expired or was already used. Ask for a new one.');
    const contact = await customers.findContact(this.ctx.db, used.company_id, used.contact_id);
    if (!contact) throw new AppError(401, 'SIGN_IN_LINK_INVALID', 'This sign-in link has expired or was already used. Ask for a new one.');
    const session = await this.createSession(contact.company_id, 'contact', contact.id);
    return { ...session, contact };
  }

  /** A new job link for one contact on one job. The token is returned once and stored only as a hash. */
  async createJobLink(companyId: string, jobId: string, contactId: string, db: Executor = this.ctx.db) {
    if (!(await isContactOnJob(db, companyId, jobId, contactId))) throw notFound('CONTACT_NOT_ON_JOB', 'That contact is not on this job.');
    const token = newSecretToken('j_');
    const id = newId();
    await repo.insertJobLink(db, { id, company_id: companyId, job_id: jobId, contact_id: contactId, token_hash: hashToken(token), created_at: this.now().toISOString() });
    return { id, token, url: `${this.ctx.config.publicUrl}/j/${token}` };
  }

  /** The principal a job link stands for, while its job is open or within the grace period after it closed. */
  async resolveJobLink(token: string): Promise<JobLinkPrincipal | undefined> {
    const link = await repo.findActiveJobLink(this.ctx.db, hashToken(token));
    if (!link) return undefined;
    if (link.job_closed_at && new Date(link.job_closed_at).getTime() + this.ctx.config.jobLinkGraceDays * DAY < this.now().getTime()) return undefined;
    return {
      role: 'job_link',
      companyId: link.company_id,
      jobId: link.job_id,
      contactId: link.contact_id,
      customerId: link.customer_id,
      linkId: link.id,
      name: link.contact_name,
    };
  }

  async revokeJobLink(companyId: string, jobId: string, linkId: string) {
    if (!(await repo.revokeJobLink(this.ctx.db, companyId, jobId, linkId, this.now().toISOString()))) {
      throw notFound('JOB_LINK_NOT_FOUND', 'No such link on this job.');
    }
  }

  async resolveApiKey(key: string) {
    const apiKey = await repo.findApiKeyByHash(this.ctx.db, hashToken(key));
    if (!apiKey) return undefined;
    const now = this.now();
    if (!apiKey.last_used_at || now.getTime() - new Date(apiKey.last_used_at).getTime() > MINUTE) await repo.touchApiKey(this.ctx.db, apiKey.id, now.toISOString());
    return { role: 'integration' as const, companyId: apiKey.company_id, sourceId: apiKey.source_id, apiKeyId: apiKey.id, name: apiKey.source_name };
  }
}
