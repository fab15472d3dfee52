import { useEffect, useRef } from 'react';
import { useLocation } from 'wouter';
import { formatMinutes, formatTime } from '../../../lib/format.js';
import { addTiles, animateMarker, createMap, L, personIcon, placeIcon, useMapConfig } from '../../../lib/leaflet-map.js';
import type { TechnicianPosition } from '../../../lib/api-types.js';
import { isRecent, statusText, t } from './technician-status.js';

interface Shown {
  marker: L.Marker;
  /** The line to the job's address and its pin, while driving there. */
  route: L.Polyline | null;
  place: L.Marker | null;
  iconKey: string;
  stopGlide: () => void;
}

const GLIDE_MS = 1500;

/** The popup: who, what they are doing, and the job they are on, as text (never HTML from data). */
function popupContent(item: TechnicianPosition, now: number, navigate: (to: string) => void): HTMLElement {
  const root = document.createElement('div');
  root.className = 'live-map__popup';
  const line = (text: string, className?: string) => {
    const p = document.createElement('p');
    p.textContent = text;
    if (className) p.className = className;
    root.append(p);
  };
  line(item.name, 'live-map__popup-name');
  const job = item.job;
  line(
    isRecent(item, now) && job?.status === 'en_route' && job.eta
      ? t('drivingMinutes', { reference: job.reference, time: formatTime(job.eta.arrivalAt), minutes: formatMinutes(Math.max(1, Math.round(job.eta.minutes))) })
      : statusText(item, now),
  );
  if (!isRecent(item, now)) line(t('lastSeen', { time: formatTime(item.at) }), 'live-map__popup-muted');
  if (item.job) {
    line(t('customerLine', { reference: item.job.reference, customer: item.job.customerName }));
    line(item.job.address, 'live-map__popup-muted');
    const link = document.createElement('a');
    const href = `/console/jobs/${item.job.id}`;
    link.href = href;
    link.textContent = t('openJob', { reference: item.job.reference });
    link.addEventListener('click', (event) => {
      event.preventDefault();
      navigate(href);
    });
    const p = document.createElement('p');
    p.append(link);
    root.append(p);
  }
  return root;
}

/**
 * All technicians on one map. Markers glide to each new position; the map frames everyone once,
 * then stays where the dispatcher puts it, except when they pick someone in the list.
 */
export function TechniciansMap({ items, now, selected, onSelect }: { items: TechnicianPosition[]; now: number; selected: { id: string; at: number; fly: boolean } | null; onSelect: (id: string) => void }) {
  const element = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map>(null);
  const shown = useRef(new Map<string, Shown>());
  const framed = useRef(false);
  const [, navigate] = useLocation();
  const config = useMapConfig();
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    const map = createMap(element.current!);
    mapRef.current = map;
    const markers = shown.current;
    return () => {
      for (const entry of markers.values()) entry.stopGlide();
      markers.clear();
      map.remove();
      mapRef.current = null;
      framed.current = false;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !config.data) return;
    const tiles = addTiles(map, config.data);
    return () => void tiles.remove();
  }, [config.data]);

  // Keep the markers in step with the list.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const seen = new Set<string>();
    for (const item of items) {
      seen.add(item.technicianId);
      const at = L.latLng(item.lat, item.lng);
      const recent = isRecent(item, now);
      const iconKey = `${item.name}|${item.photoUrl}|${recent}|${recent && item.heading !== null ? Math.round(item.heading / 10) : '-'}`;
      const driving = recent && item.job?.status === 'en_route' && item.job.lat !== null && item.job.lng !== null;
      const destination = driving ? L.latLng(item.job!.lat!, item.job!.lng!) : null;
      let entry = shown.current.get(item.technicianId);
      if (!entry) {
        // keyboard: the marker is a button named by its title; Enter opens the popup.
        const marker = L.marker(at, { icon: personIcon({ name: item.name, photoUrl: item.photoUrl, heading: recent ? item.heading : null, tone: recent ? 'active' : 'stale' }), title: item.name, riseOnHover: true, zIndexOffset: recent ? 1000 : 0 });
        marker.bindPopup(() => popupContent(item, now, navigate), { minWidth: 220 });
        marker.on('click', () => onSelectRef.current(item.technicianId));
        marker.addTo(map);
        entry = { marker, route: null, place: null, iconKey, stopGlide: () => {} };
        shown.current.set(item.technicianId, entry);
      } else {
        if (entry.iconKey !== iconKey) {
          entry.marker.setIcon(personIcon({ name: item.name, photoUrl: item.photoUrl, heading: recent ? item.heading : null, tone: recent ? 'active' : 'stale' }));
          entry.marker.setZIndexOffset(recent ? 1000 : 0);
          entry.iconKey = iconKey;
        }
        entry.stopGlide();
        const route = () => entry!.route;
        entry.stopGlide = animateMarker(entry.marker, at, GLIDE_MS, (step) => destination && route()?.setLatLngs([step, destination]));
        entry.marker.setPopupContent(popupContent(item, now, navigate));
      }
      if (destination) {
        if (!entry.route) entry.route = L.polyline([entry.marker.getLatLng(), destination], { className: 'live-map__route', interactive: false, weight: 3, dashArray: '2 7', lineCap: 'round' }).addTo(map);
        if (!entry.place) entry.place = L.marker(destination, { icon: placeIcon('small'), keyboard: false, interactive: false }).addTo(map);
        entry.place.setLatLng(destination);
      } else {
        entry.route?.remove();
        entry.place?.remove();
        entry.route = null;
        entry.place = null;
      }
    }
    for (const [id, entry] of shown.current) {
      if (seen.has(id)) continue;
      entry.stopGlide();
      entry.marker.remove();
      entry.route?.remove();
      entry.place?.remove();
      shown.current.delete(id);
    }
    if (!framed.current && items.length > 0) {
      framed.current = true;
      // Everyone, and where the ones driving are going.
      const points = items.flatMap((item) => [
        [item.lat, item.lng] as [number, number],
        ...(isRecent(item, now) && item.job?.status === 'en_route' && item.job.lat !== null && item.job.lng !== null ? [[item.job.lat, item.job.lng] as [number, number]] : []),
      ]);
      const bounds = L.latLngBounds(points);
      map.fitBounds(bounds, { padding: [48, 48], maxZoom: 14, animate: false });
    }
  }, [items, now, navigate]);

  // A technician picked in the list: centre on them and show their popup.
  useEffect(() => {
    const map = mapRef.current;
    const entry = selected && shown.current.get(selected.id);
    if (!map || !entry || !selected.fly) return;
    map.flyTo(entry.marker.getLatLng(), Math.max(map.getZoom(), 14), { duration: 0.6 });
    entry.marker.openPopup();
  }, [selected]);

  return <div ref={element} className="live-map__map" role="region" aria-label={t('mapLabel')} />;
}
