import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

/**
 * Live updates pushed by the server as Server-Sent Events (decision 008). The browser's
 * EventSource reconnects by itself and sends the last event id it saw (Last-Event-ID), so the
 * server replays what was missed; pages only say what to do with each event.
 */

/** A job changed (the domain event's type, e.g. "job.scheduled", and the job's status after it). */
export interface JobLiveEvent {
  kind: 'job';
  id: string;
  data: { jobId: string; type: string; status: string; at: string };
}

/** Where a technician driving to a job is, and when they should arrive. */
export interface LocationLiveEvent {
  kind: 'location';
  id: string;
  data: {
    jobId: string;
    appointmentId: string;
    technicianId: string;
    lat: number;
    lng: number;
    accuracy: number;
    heading: number | null;
    speed: number | null;
    at: string;
    eta: { arrivalAt: string; minutes: number } | null;
    arriving: boolean;
  };
}

export type LiveEvent = JobLiveEvent | LocationLiveEvent;

/** Listens to a stream while the component is shown; `url` null listens to nothing. */
export function useLiveEvents(url: string | null, onEvent: (event: LiveEvent) => void): void {
  // The latest handler, without reopening the stream each time the page re-renders.
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const source = new EventSource(url, { withCredentials: true });
    const listen = (kind: LiveEvent['kind']) => (message: MessageEvent<string>) => {
      try {
        handler.current({ kind, id: message.lastEventId, data: JSON.parse(message.data) } as LiveEvent);
      } catch (error) {
        console.warn('live event could not be read', error);
      }
    };
    source.addEventListener('job', listen('job'));
    source.addEventListener('location', listen('location'));
    return () => source.close();
  }, [url]);
}

/**
 * Refetches a page's queries when a job changes: `keysFor` names the queries a job event makes
 * stale (none: nothing to do). Positions are left to the components that draw them.
 */
export function useLiveRefresh(url: string | null, keysFor: (event: JobLiveEvent) => readonly QueryKey[]): void {
  const queryClient = useQueryClient();
  useLiveEvents(url, (event) => {
    if (event.kind !== 'job') return;
    for (const queryKey of keysFor(event)) void queryClient.invalidateQueries({ queryKey });
  });
}
