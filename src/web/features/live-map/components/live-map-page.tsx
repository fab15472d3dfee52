import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type MouseEvent } from 'react';
import { Alert, Avatar, Button, Card, EmptyState, PageHeader, Skeleton } from '../../../components/ui/index.js';
import { formatTime } from '../../../lib/format.js';
import { useLiveEvents } from '../../../lib/live-events.js';
import { applyLocation, technicianPositionsQuery, useTechnicianPositions } from '../api/get-technician-positions.js';
import { TechniciansMap } from './technicians-map.js';
import { isRecent, statusText, t } from './technician-status.js';
import './live-map.css';

/** Re-renders every half minute so "No recent position" appears without a new event. */
function useNow(everyMs = 30_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** /console/map — every technician who shared a position today, where they are going, and when they will be there. */
export function LiveMapPage() {
  const positions = useTechnicianPositions();
  const queryClient = useQueryClient();
  const now = useNow();
  const [selected, setSelected] = useState<{ id: string; at: number; fly: boolean } | null>(null);

  useLiveEvents('/api/events', (event) => {
    if (event.kind === 'location') applyLocation(queryClient, event);
    // A job started, finished or moved to another technician changes who is driving where.
    else void queryClient.invalidateQueries({ queryKey: technicianPositionsQuery().queryKey });
  });

  useEffect(() => {
    document.title = t('title');
  }, []);

  const items = positions.data?.items ?? [];
  const sorted = [...items].sort((a, b) => Number(isRecent(b, now)) - Number(isRecent(a, now)) || a.name.localeCompare(b.name));
  const skipMap = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById('live-map-list-title')?.focus();
  };

  return (
    <div className="live-map">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {positions.isError && !positions.data ? (
        <Alert>
          {t('error', { message: positions.error.message })}{' '}
          <Button variant="secondary" size="small" onClick={() => void positions.refetch()} loading={positions.isFetching}>
            {t('retry')}
          </Button>
        </Alert>
      ) : positions.isPending ? (
        <div className="live-map__body" aria-busy="true">
          <Skeleton height="100%" style={{ minHeight: 420 }} />
          <Card className="live-map__list">
            <Skeleton height={24} width="50%" />
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} height={56} style={{ marginTop: 12 }} />
            ))}
          </Card>
        </div>
      ) : items.length === 0 ? (
        <Card>
          <EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>
        </Card>
      ) : (
        <div className="live-map__body">
          <div className="live-map__map-frame">
            <a className="live-map__skip" href="#live-map-list-title" onClick={skipMap}>
              {t('skipMap')}
            </a>
            <TechniciansMap items={items} now={now} selected={selected} onSelect={(id) => setSelected({ id, at: Date.now(), fly: false })} />
          </div>
          <Card as="section" className="live-map__list" aria-labelledby="live-map-list-title">
            <h2 id="live-map-list-title" tabIndex={-1}>
              {t('listTitle')}
            </h2>
            <p className="small muted">{t('listHint')}</p>
            <ul className="live-map__items">
              {sorted.map((item) => {
                const recent = isRecent(item, now);
                return (
                  <li key={item.technicianId}>
                    <button
                      type="button"
                      className={`live-map__item${recent ? '' : ' live-map__item--stale'}`}
                      aria-pressed={selected?.id === item.technicianId}
                      onClick={() => setSelected({ id: item.technicianId, at: Date.now(), fly: true })}
                    >
                      <Avatar name={item.name} photoUrl={item.photoUrl} size={40} />
                      <span className="live-map__item-text">
                        <span className="live-map__item-name">{item.name}</span>
                        <span className="live-map__item-status">{statusText(item, now)}</span>
                        {!recent && <span className="live-map__item-seen">{t('lastSeen', { time: formatTime(item.at) })}</span>}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </Card>
        </div>
      )}
    </div>
  );
}
