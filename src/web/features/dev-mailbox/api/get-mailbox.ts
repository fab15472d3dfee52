import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

export interface MailboxMessage {
  id: number;
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
  html: string | null;
  at: string;
}

export const getMailbox = () => api<{ items: MailboxMessage[] }>('GET', '/api/dev/mailbox');
/** Refreshes every few seconds: a message appears here the moment a job step sends one. */
export const mailboxQuery = () => queryOptions({ queryKey: ['dev-mailbox'], queryFn: getMailbox, refetchInterval: 5000 });
export const useMailbox = () => useQuery(mailboxQuery());
