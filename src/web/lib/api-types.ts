/**
 * Types of the API's answers, taken from the server's TypeBox schemas so the two cannot drift.
 * These are type-only imports: nothing of the server reaches the browser bundle.
 */
import type { Static } from 'typebox';
import type { JobListItem as JobListItemSchema, StaffJob as StaffJobSchema } from '../../server/modules/jobs/jobs.schemas.js';
import type { CustomerJob as CustomerJobSchema, Me as MeSchema, MyJob as MyJobSchema, ServiceRequestResult as ServiceRequestResultSchema } from '../../server/modules/portal/portal.schemas.js';
import type { TechnicianAppointment as TechnicianAppointmentSchema } from '../../server/modules/technicians/technician-day.schemas.js';
import type { Attachment as AttachmentSchema, Location as LocationSchema, TimelineEntry as TimelineEntrySchema } from '../../server/lib/schemas.js';
import type { CustomerDetail as CustomerDetailSchema, CustomerListItem as CustomerListItemSchema, Contact as ContactSchema } from '../../server/modules/customers/customers.schemas.js';
import type { Technician as TechnicianSchema } from '../../server/modules/technicians/technicians.schemas.js';
import type { Category as ServiceCategorySchema } from '../../server/modules/service-categories/service-categories.schemas.js';
import type { CompanyDto } from '../../server/modules/companies/companies.service.js';
import type { NotificationList as NotificationListSchema } from '../../server/modules/notifications/notifications.schemas.js';
import type { CustomerTracking as CustomerTrackingSchema, TechnicianPosition as TechnicianPositionSchema } from '../../server/modules/tracking/tracking.schemas.js';

export type JobStatus = 'created' | 'scheduled' | 'en_route' | 'in_progress' | 'paused' | 'rescheduled' | 'completed' | 'cancelled';
export type Priority = 'low' | 'normal' | 'high' | 'emergency';

export type JobListItem = Static<typeof JobListItemSchema>;
export type StaffJob = Static<typeof StaffJobSchema>;
export type CustomerJob = Static<typeof CustomerJobSchema>;
export type MyJob = Static<typeof MyJobSchema>;
export type PortalMe = Static<typeof MeSchema>;
export type ServiceRequestResult = Static<typeof ServiceRequestResultSchema>;
export type TimelineEntry = Static<typeof TimelineEntrySchema>;
export type Attachment = Static<typeof AttachmentSchema>;
export type Location = Static<typeof LocationSchema>;
/** One visit on a technician's day (GET /api/technician/appointments). */
export type TechnicianAppointment = Static<typeof TechnicianAppointmentSchema>;

export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

/** The signed-in staff member (GET /api/auth/me). */
export interface StaffMe {
  id: string;
  name: string;
  email: string;
  role: 'technician' | 'dispatcher' | 'admin';
  companyId: string;
}

// The console's catalogue, people and settings.
export type CustomerListItem = Static<typeof CustomerListItemSchema>;
export type CustomerDetail = Static<typeof CustomerDetailSchema>;
export type Contact = Static<typeof ContactSchema>;
export type Technician = Static<typeof TechnicianSchema>;
export type ServiceCategory = Static<typeof ServiceCategorySchema>;
export type Company = CompanyDto;

// Live tracking: the technician's position on the customer's job page, and on the console's map.
export type CustomerTracking = NonNullable<Static<typeof CustomerTrackingSchema>>;
export type TechnicianPosition = Static<typeof TechnicianPositionSchema>;

/** A notification centre's answer: the newest notifications and how many are unread. */
export type NotificationList = Static<typeof NotificationListSchema>;
export type AppNotification = NotificationList['items'][number];
