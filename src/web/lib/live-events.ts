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

/** An in-app notification for the person whose stream this is (the bell). */
export interface NotificationLiveEvent {
  kind: 'notification';
  id: string;
  data: { id: string; jobId: string; type: string; title: string; at: string };
}

export type LiveEvent = JobLiveEvent | LocationLiveEvent | NotificationLiveEvent;

type LiveEventHandler = (event: LiveEvent) => void;

/** The streams open in this tab, one per URL, each with the components listening to it. */
const openSources = new Map<string, { source: EventSource; handlers: Set<LiveEventHandler> }>();

/**
 * Adds a listener to the tab's stream for `url`, opening it for the first listener and closing
 * it after the last: a page whose parts each listen (the job page's status and its map) holds
 * one connection, not one per part. Browsers allow six per host over HTTP/1.1.
 */
function listenTo(url: string, handler: LiveEventHandler): () => void {
  let open = openSources.get(url);
  if (!open) {
    const source = new EventSource(url, { withCredentials: true });
    const handlers = new Set<LiveEventHandler>();
    const dispatch = (kind: LiveEvent['kind']) => (message: MessageEvent<string>) => {
      let event: LiveEvent;
      try {
        event = { kind, id: message.lastEventId, data: JSON.parse(message.data) } as LiveEvent;
      } catch (error) {
        console.warn('live event could not be read', error);
        return;
      }
      for (const listener of [...handlers]) listener(event);
    };
    source.addEventListener('job', dispatch('job'));
    source.addEventListener('location', dispatch('location'));
    source.addEventListener('notification', dispatch('notification'));
    open = { source, handlers };
    openSources.set(url, open);
  }
  const { source, handlers } = open;
  handlers.add(handler);
  return () => {
    handlers.delete(handler);
    if (handlers.size > 0) return;
    source.close();
    openSources.delete(url);
  };
}

/** Listens to a stream while the component is shown; `url` null listens to nothing. */
export function useLiveEvents(url: string | null, onEvent: LiveEventHandler): void {
  // The latest handler, without reopening the stream each time the page re-renders.
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    return listenTo(url, (event) => handler.current(event));
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
