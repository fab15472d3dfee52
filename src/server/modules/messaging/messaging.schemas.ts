import { Type } from 'typebox';
import { DateTime, Defaulted, Id, JobStatusEnum, Strict } from '../../lib/schemas.js';

/** The most a message may hold: a long e-mail's worth, not a document. */
export const MESSAGE_MAX_LENGTH = 4000;

export const MessageBody = Type.Object(
  { text: Type.String({ maxLength: MESSAGE_MAX_LENGTH, description: `What to say; 1–${MESSAGE_MAX_LENGTH} characters once trimmed`, examples: ['Can the technician call me when they are 10 minutes away?'] }) },
  Strict,
);

export const Message = Type.Object({
  id: Id,
  text: Type.String(),
  /** `customer`: one of the job's contacts; `staff`: someone of the company. */
  author: Type.Object({ kind: Type.Enum(['customer', 'staff']), name: Type.String() }),
  /** Written by the caller. */
  mine: Type.Boolean(),
  createdAt: DateTime,
});

export const MessageThread = Type.Object({
  items: Type.Array(Message),
  /** Customer messages the office has not opened yet (staff only; 0 for customers). */
  unreadCount: Type.Integer(),
});

export const InboxQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'Only conversations with customer messages the office has not opened' })),
    limit: Defaulted(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    offset: Defaulted(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  },
  Strict,
);

export const InboxItem = Type.Object({
  jobId: Id,
  reference: Type.String(),
  customerName: Type.String(),
  category: Type.String(),
  status: JobStatusEnum,
  messageCount: Type.Integer(),
  unreadCount: Type.Integer(),
  lastMessage: Type.Object({ text: Type.String(), author: Type.Object({ kind: Type.Enum(['customer', 'staff']), name: Type.String() }), at: DateTime }),
});

export const Inbox = Type.Object({
  items: Type.Array(InboxItem),
  /** Conversations waiting for the office, in all (not only this page). */
  unreadThreads: Type.Integer(),
  hasMore: Type.Boolean(),
});

export const JobParams = Type.Object({ jobId: Id }, Strict);
