import { useQuery } from '@tanstack/react-query';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { api } from './api-client.js';
import './leaflet-map.css';

/**
 * What the portal's job map and the console's live map share. Only lazily loaded modules import
 * this file: Leaflet and its stylesheet (~45 KB gzipped) reach a page only when it has a map to show.
 */

export interface MapConfig {
  tileUrl: string;
  attribution: string;
}

/** The tile server (GET /api/map-config); it only changes with a restart. */
export const useMapConfig = () => useQuery({ queryKey: ['map-config'], queryFn: () => api<MapConfig>('GET', '/api/map-config'), staleTime: Infinity, retry: 1 });

export const reducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/**
 * A map with a plain background: markers and lines draw whether or not tiles load (offline, a
 * tile server that is down). One-finger dragging is left to the page on touch screens, so the map
 * never traps someone scrolling past it; pinch zoom still works.
 */
export function createMap(element: HTMLElement): L.Map {
  const map = L.map(element, { attributionControl: false, zoomSnap: 0.5, dragging: !L.Browser.mobile, scrollWheelZoom: false });
  L.control.attribution({ prefix: '<a href="https://leafletjs.com" target="_blank" rel="noreferrer">Leaflet</a>' }).addTo(map);
  // Scroll-wheel zoom only once the map was clicked: scrolling the page over it stays scrolling.
  map.on('focus click', () => map.scrollWheelZoom.enable());
  map.on('blur', () => map.scrollWheelZoom.disable());
  return map;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Adds the configured tiles; the attribution is plain text (Leaflet would read it as HTML). */
export function addTiles(map: L.Map, config: MapConfig): L.TileLayer {
  return L.tileLayer(config.tileUrl, {
    attribution: escapeHtml(config.attribution),
    maxZoom: 19,
    // Pages send no referrer (job links are secrets); tile servers such as OpenStreetMap's require
    // one, so tiles send the site's origin and nothing more.
    referrerPolicy: 'strict-origin',
    crossOrigin: false,
  }).addTo(map);
}

export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');

/**
 * A person on the map: their photo or initials in a ring, and an arrow pointing where they are
 * heading when the device knows it. Built as elements, never as HTML text, so names stay text.
 */
export function personIcon(person: { name: string; photoUrl?: string | null; heading?: number | null; tone?: 'active' | 'stale' }): L.DivIcon {
  const root = document.createElement('div');
  root.className = `leaflet-map__person leaflet-map__person--${person.tone ?? 'active'}`;
  if (person.heading !== null && person.heading !== undefined && Number.isFinite(person.heading)) {
    const arrow = document.createElement('span');
    arrow.className = 'leaflet-map__heading';
    arrow.style.transform = `rotate(${Math.round(person.heading)}deg)`;
    root.append(arrow);
  }
  const face = document.createElement('span');
  face.className = 'leaflet-map__face';
  if (person.photoUrl) {
    const img = document.createElement('img');
    img.src = person.photoUrl;
    img.alt = '';
    face.append(img);
  } else {
    face.textContent = initials(person.name);
  }
  root.append(face);
  return L.divIcon({ html: root, className: 'leaflet-map__icon', iconSize: [44, 44], iconAnchor: [22, 22], popupAnchor: [0, -22] });
}

const HOUSE = 'M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z';

/** The service address: a pin with a house. */
export function placeIcon(size: 'large' | 'small' = 'large'): L.DivIcon {
  const px = size === 'large' ? 36 : 22;
  return L.divIcon({
    html: `<span class="leaflet-map__place leaflet-map__place--${size}"><svg viewBox="0 0 24 24" width="${px * 0.55}" height="${px * 0.55}" aria-hidden="true"><path d="${HOUSE}" fill="currentColor"/></svg></span>`,
    className: 'leaflet-map__icon',
    iconSize: [px, px],
    iconAnchor: [px / 2, px],
    popupAnchor: [0, -px],
  });
}

/**
 * Moves a marker to a new position over `ms` (eased), calling `onStep` with each intermediate
 * position so lines can follow it; an update arriving mid-way starts from where the marker is.
 * Returns a function that stops the animation.
 */
export function animateMarker(marker: L.Marker, to: L.LatLngExpression, ms: number, onStep?: (at: L.LatLng) => void): () => void {
  const from = marker.getLatLng();
  const target = L.latLng(to);
  if (ms <= 0 || reducedMotion() || from.distanceTo(target) > 5_000) {
    marker.setLatLng(target);
    onStep?.(target);
    return () => {};
  }
  const start = performance.now();
  let frame = 0;
  const step = (now: number) => {
    const progress = Math.min(1, (now - start) / ms);
    const eased = progress < 0.5 ? 2 * progress * progress : 1 - (-2 * progress + 2) ** 2 / 2;
    const at = L.latLng(from.lat + (target.lat - from.lat) * eased, from.lng + (target.lng - from.lng) * eased);
    marker.setLatLng(at);
    onStep?.(at);
    if (progress < 1) frame = requestAnimationFrame(step);
  };
  frame = requestAnimationFrame(step);
  return () => cancelAnimationFrame(frame);
}

export { L };
