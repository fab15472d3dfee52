/** Who is calling. Resolved once per request by plugins/auth.ts, checked against access-table.ts. */
export const ROLES = ['anonymous', 'job_link', 'customer_member', 'customer_admin', 'technician', 'dispatcher', 'admin', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export type AnonymousPrincipal = { role: 'anonymous' };
/** Someone holding a job link: one job, one contact, never the account. */
export type JobLinkPrincipal = { role: 'job_link'; companyId: string; jobId: string; contactId: string; linkId: string; customerId: string; name: string };
export type CustomerPrincipal = {
  role: 'customer_member' | 'customer_admin';
  companyId: string;
  contactId: string;
  customerId: string;
  sessionId: string;
  name: string;
};
export type StaffPrincipal = { role: 'technician' | 'dispatcher' | 'admin'; companyId: string; userId: string; sessionId: string; name: string; email: string };
export type IntegrationPrincipal = { role: 'integration'; companyId: string; sourceId: string; apiKeyId: string; name: string };

export type Principal = AnonymousPrincipal | JobLinkPrincipal | CustomerPrincipal | StaffPrincipal | IntegrationPrincipal;
/** A principal that reaches a customer's jobs: a job link or a signed-in contact. */
export type PortalPrincipal = JobLinkPrincipal | CustomerPrincipal;

export const isStaff = (p: Principal): p is StaffPrincipal => p.role === 'technician' || p.role === 'dispatcher' || p.role === 'admin';
export const isCustomer = (p: Principal): p is CustomerPrincipal => p.role === 'customer_member' || p.role === 'customer_admin';

export interface ActorRef {
  kind: 'user' | 'contact' | 'integration' | 'system';
  id: string | null;
  name: string;
}

/** How a principal appears on a job's timeline. */
export function actorOf(principal: Principal): ActorRef {
  switch (principal.role) {
    case 'anonymous':
      return { kind: 'system', id: null, name: 'Arrivo' };
    case 'job_link':
    case 'customer_member':
    case 'customer_admin':
      return { kind: 'contact', id: principal.contactId, name: principal.name };
    case 'integration':
      return { kind: 'integration', id: principal.sourceId, name: principal.name };
    default:
      return { kind: 'user', id: principal.userId, name: principal.name };
  }
}

/**
 * Narrowing helpers for route handlers. The access table already let only these roles through, so
 * a mismatch is a bug in the table, not a client error.
 */
function expectRole<P extends Principal>(principal: Principal, roles: readonly Role[]): P {
  if (!roles.includes(principal.role)) throw new Error(`access table let ${principal.role} reach a route for ${roles.join(', ')}`);
  return principal as P;
}
export const asStaff = (p: Principal) => expectRole<StaffPrincipal>(p, ['technician', 'dispatcher', 'admin']);
export const asCustomer = (p: Principal) => expectRole<CustomerPrincipal>(p, ['customer_member', 'customer_admin']);
export const asPortal = (p: Principal) => expectRole<PortalPrincipal>(p, ['job_link', 'customer_member', 'customer_admin']);
export const asTechnician = (p: Principal) => expectRole<StaffPrincipal & { role: 'technician' }>(p, ['technician']);
export const asIntegration = (p: Principal) => expectRole<IntegrationPrincipal>(p, ['integration']);
