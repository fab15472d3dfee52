import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'wouter';
import { Button } from '../../../components/ui/index.js';
import { formatDateTime } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useLiveEvents } from '../../../lib/live-events.js';
import { notificationsKey, useNotifications, type NotificationAudience } from '../api/get-notifications.js';
import { useMarkNotificationRead } from '../api/mark-notification-read.js';
import './notification-bell.css';

const t = defineMessages({
  en: {
    bell: 'Notifications',
    bellUnread: 'Notifications, {count} unread',
    heading: 'Notifications',
    markAllRead: 'Mark all read',
    empty: 'Nothing yet. When something happens on a job, you will see it here.',
    unread: 'Unread',
    arrived: 'New notification: {title}',
    failed: 'Notifications could not be loaded.',
  },
});

/**
 * The bell: how many notifications are unread, and the newest ones in a panel, each opening its
 * job. New ones arrive live on `streamUrl`, the stream the page already listens to (the tab
 * shares one connection per stream), and are announced to screen readers.
 */
export function NotificationBell({ audience, streamUrl, jobHref }: { audience: NotificationAudience; streamUrl: string | null; jobHref: (jobId: string) => string }) {
  const notifications = useNotifications(audience);
  const markRead = useMarkNotificationRead(audience);
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useLiveEvents(streamUrl, (event) => {
    if (event.kind !== 'notification') return;
    setAnnouncement(t('arrived', { title: event.data.title }));
    void queryClient.invalidateQueries({ queryKey: notificationsKey(audience) });
  });

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const unread = notifications.data?.unreadCount ?? 0;
  const items = notifications.data?.items ?? [];
  const unreadIds = items.filter((item) => !item.readAt).map((item) => item.id);

  return (
    <div className="notification-bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="notification-bell__button"
        aria-label={unread > 0 ? t('bellUnread', { count: unread }) : t('bell')}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && (
          <span className="notification-bell__count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {open && (
        <section id={panelId} className="notification-bell__panel" aria-label={t('heading')}>
          <header className="notification-bell__header">
            <h2 className="notification-bell__title">{t('heading')}</h2>
            {unreadIds.length > 0 && (
              <Button variant="ghost" size="small" onClick={() => markRead.mutate(unreadIds)} loading={markRead.isPending}>
                {t('markAllRead')}
              </Button>
            )}
          </header>
          {notifications.isError ? (
            <p className="notification-bell__empty">{t('failed')}</p>
          ) : items.length === 0 ? (
            <p className="notification-bell__empty">{notifications.isPending ? '\u00a0' : t('empty')}</p>
          ) : (
            <ul className="notification-bell__list">
              {items.map((item) => {
                const content = (
                  <>
                    <span className="notification-bell__item-title">
                      {!item.readAt && <span className="notification-bell__dot" title={t('unread')} aria-label={t('unread')} />}
                      {item.title}
                    </span>
                    <span className="notification-bell__item-body">{item.body}</span>
                    <time className="notification-bell__item-time" dateTime={item.createdAt}>
                      {formatDateTime(item.createdAt)}
                    </time>
                  </>
                );
                const className = `notification-bell__item${item.readAt ? '' : ' notification-bell__item--unread'}`;
                const opened = () => {
                  if (!item.readAt) markRead.mutate([item.id]);
                  setOpen(false);
                };
                return (
                  <li key={item.id}>
                    {item.jobId ? (
                      <Link href={jobHref(item.jobId)} className={className} onClick={opened}>
                        {content}
                      </Link>
                    ) : (
                      <button type="button" className={className} onClick={opened}>
                        {content}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
