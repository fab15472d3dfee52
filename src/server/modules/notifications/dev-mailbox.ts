/**
 * Without SMTP_URL or SMS_URL (the embedded default), Arrivo keeps what it would have sent here, so
 * a new user can open the console's dev mailbox and follow every link. Kept in memory, newest first,
 * per instance; it is for trying Arrivo out, not a record.
 */
export interface DevMailboxEntry {
  id: number;
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
  html: string | null;
  at: string;
}

export class DevMailbox {
  private readonly entries: DevMailboxEntry[] = [];
  private nextId = 1;
  constructor(private readonly capacity = 200) {}

  record(entry: Omit<DevMailboxEntry, 'id' | 'at'>): void {
    this.entries.unshift({ ...entry, id: this.nextId++, at: new Date().toISOString() });
    this.entries.length = Math.min(this.entries.length, this.capacity);
  }

  list(): readonly DevMailboxEntry[] {
    return this.entries;
  }
}
