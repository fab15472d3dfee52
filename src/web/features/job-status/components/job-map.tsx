import { useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/ui/index.js';
import { defineMessages } from '../../../lib/i18n.js';
import { addTiles, animateMarker, createMap, L, personIcon, placeIcon, reducedMotion, useMapConfig } from '../../../lib/leaflet-map.js';

const t = defineMessages({
  en: {
    recentre: 'Show the whole trip',
  },
});

export interface JobMapProps {
  /** The map's accessible name. */
  label: string;
  technician: { name: string; photoUrl: string | null };
  lat: number;
  lng: number;
  heading: number | null;
  /** The service address, when it has coordinates. */
  address: { lat: number; lng: number } | null;
}

const PADDING = L.point(48, 48);
const MAX_ZOOM = 16;
/** Positions arrive every few seconds: the marker glides to each one over most of that time. */
const GLIDE_MS = 1500;

interface MapState {
  map: L.Map;
  technician: L.Marker;
  route: L.Polyline | null;
  address: L.LatLng | null;
  /** True while the map moves by itself, so its own moves are not taken for the customer's. */
  moving: boolean;
  iconKey: string;
  stopGlide: () => void;
}

/**
 * The technician (photo or initials, an arrow for their heading), the service address and a line
 * between them. The view keeps both in sight as the technician moves, until the customer pans or
 * zooms: from then on the map stays where they put it, with a button to bring both back.
 */
export function JobMap({ label, technician, lat, lng, heading, address }: JobMapProps) {
  const element = useRef<HTMLDivElement>(null);
  const state = useRef<MapState>(null);
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);
  followingRef.current = following;
  const config = useMapConfig();

  const boundsFor = (at: L.LatLng, s: MapState) => (s.address ? L.latLngBounds([at, s.address]) : L.latLngBounds([at, at]));
  const frame = (s: MapState, at: L.LatLng, animate: boolean) => {
    s.moving = true;
    if (s.address) s.map.fitBounds(boundsFor(at, s), { padding: PADDING, maxZoom: MAX_ZOOM, animate });
    else s.map.setView(at, 15, { animate });
    s.moving = false;
  };

  // The map, made once; positions then move the marker (below).
  useEffect(() => {
    const map = createMap(element.current!);
    const at = L.latLng(lat, lng);
    const place = address ? L.latLng(address.lat, address.lng) : null;
    const route = place ? L.polyline([at, place], { className: 'job-status__route', interactive: false, weight: 4, dashArray: '2 8', lineCap: 'round' }).addTo(map) : null;
    if (place) L.marker(place, { icon: placeIcon(), keyboard: false, interactive: false }).addTo(map);
    const marker = L.marker(at, { icon: personIcon({ ...technician, heading }), keyboard: false, interactive: false, zIndexOffset: 1000 }).addTo(map);
    const s: MapState = { map, technician: marker, route, address: place, moving: false, iconKey: heading === null ? '-' : String(Math.round(heading / 10)), stopGlide: () => {} };
    state.current = s;
    frame(s, at, false);
    map.on('movestart', () => {
      if (!s.moving) setFollowing(false);
    });
    return () => {
      s.stopGlide();
      map.remove();
      state.current = null;
    };
    // Made once per technician and address; later positions are handled below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [technician.name, technician.photoUrl, address?.lat, address?.lng]);

  useEffect(() => {
    const s = state.current;
    if (!s) return;
    const at = L.latLng(lat, lng);
    // A new icon only when the arrow turns noticeably: replacing it restarts the marker's element.
    const iconKey = heading === null ? '-' : String(Math.round(heading / 10));
    if (iconKey !== s.iconKey) {
      s.technician.setIcon(personIcon({ ...technician, heading }));
      s.iconKey = iconKey;
    }
    s.stopGlide();
    s.stopGlide = animateMarker(s.technician, at, GLIDE_MS, (step) => s.route?.setLatLngs([step, s.address!]));
    if (!followingRef.current) return;
    // Re-frame only when the technician would leave the view or both would fit a zoom level closer:
    // a view that changes with every point would be restless to watch.
    const bounds = boundsFor(at, s);
    const outOfView = !s.map.getBounds().pad(-0.1).contains(at);
    const zoomChange = s.address ? Math.abs(s.map.getBoundsZoom(bounds, false, PADDING.multiplyBy(2)) - s.map.getZoom()) >= 1 : false;
    if (outOfView || zoomChange) frame(s, at, !reducedMotion());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lat, lng, heading]);

  useEffect(() => {
    const s = state.current;
    if (!s || !config.data) return;
    const tiles = addTiles(s.map, config.data);
    return () => void tiles.remove();
  }, [config.data]);

  const recentre = () => {
    const s = state.current;
    if (!s) return;
    frame(s, s.technician.getLatLng(), !reducedMotion());
    setFollowing(true);
  };

  return (
    <div className="job-status__map-wrap">
      <div ref={element} className="job-status__map" role="region" aria-label={label} />
      {!following && (
        <div className="job-status__map-recentre">
          <Button variant="secondary" size="small" onClick={recentre}>
            {t('recentre')}
          </Button>
        </div>
      )}
    </div>
  );
}
