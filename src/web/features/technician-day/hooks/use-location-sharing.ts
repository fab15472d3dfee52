import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../lib/api-client.js';
import { postLocation, type LocationPoint } from '../api/post-location.js';
import { technicianDayKey } from '../api/get-technician-day.js';
import { technicianVisitKey } from '../api/get-technician-visit.js';

/** How often the collected points go to the server: fresh enough for the customer's map, kind to the battery. */
const SEND_EVERY_MS = 5000;
/** The server takes at most 50 points a batch and nothing older than 2 minutes: older ones are dropped here. */
const MAX_BATCH = 50;
const MAX_AGE_MS = 110_000;

export type SharingState = 'starting' | 'sharing' | 'retrying' | 'denied' | 'unavailable';

/**
 * Shares the device's location while `appointmentId` is set (the visit is en route): watches the
 * position with high accuracy, posts what it collected every few seconds, keeps points that failed
 * to send and retries them, and stops when the visit is no longer en route or the page closes.
 */
export function useLocationSharing(appointmentId: string | null) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SharingState>('starting');
  const [lastSentAt, setLastSentAt] = useState<Date | null>(null);
  const queue = useRef<LocationPoint[]>([]);

  useEffect(() => {
    if (!appointmentId) return;
    setState('starting');
    if (typeof navigator === 'undefined' || !('geolocation' in navigator)) {
      setState('unavailable');
      return;
    }
    queue.current = [];
    let sending = false;
    let stopped = false;
    let located = false;
    const watch = navigator.geolocation.watchPosition(
      (position) => {
        const { latitude, longitude, accuracy, speed, heading } = position.coords;
        queue.current.push({
          at: new Date(position.timestamp).toISOString(),
          lat: latitude,
          lng: longitude,
          accuracy,
          speed: speed ?? null,
          // Browsers report NaN for the heading of a device standing still.
          heading: heading == null || Number.isNaN(heading) ? null : heading,
        });
        located = true;
        setState((current) => (current === 'retrying' ? current : 'sharing'));
      },
      (error) => {
        if (error.code === error.PERMISSION_DENIED) setState('denied');
        // A fix that times out now and then is normal on the road; only a device that never finds itself is "unavailable".
        else if (!located) setState('unavailable');
      },
      { enableHighAccuracy: true, maximumAge: 0, timeout: 30_000 },
    );

    const flush = async () => {
      if (sending || stopped) return;
      queue.current = queue.current.filter((p) => Date.now() - Date.parse(p.at) < MAX_AGE_MS);
      const batch = queue.current.slice(0, MAX_BATCH);
      if (batch.length === 0) return;
      sending = true;
      try {
        await postLocation(appointmentId, batch);
        queue.current = queue.current.slice(batch.length);
        setLastSentAt(new Date());
        setState('sharing');
      } catch (error) {
        if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
          // The visit started or moved elsewhere: stop, and show what it is now.
          stopped = true;
          navigator.geolocation.clearWatch(watch);
          void queryClient.invalidateQueries({ queryKey: technicianVisitKey(appointmentId) });
          void queryClient.invalidateQueries({ queryKey: technicianDayKey });
        } else {
          setState('retrying');
        }
      } finally {
        sending = false;
      }
    };
    const timer = window.setInterval(() => void flush(), SEND_EVERY_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      navigator.geolocation.clearWatch(watch);
    };
  }, [appointmentId, queryClient]);

  return { state, lastSentAt };
}
