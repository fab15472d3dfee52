import type { Static } from 'typebox';
import type { Inbox as InboxSchema, Message as MessageSchema, MessageThread as MessageThreadSchema } from '../../../../server/modules/messaging/messaging.schemas.js';

export type Message = Static<typeof MessageSchema>;
export type MessageThread = Static<typeof MessageThreadSchema>;
export type Inbox = Static<typeof InboxSchema>;

/** The live job events a new message causes (messaging.service.ts); screens refetch the thread on them. */
export const MESSAGE_EVENT_TYPES: readonly string[] = ['job.customer_message', 'job.staff_message'];

/** The most a message may hold (the API answers 400 on `text` beyond it). */
export const MESSAGE_MAX_LENGTH = 4000;
