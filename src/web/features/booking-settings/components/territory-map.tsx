import { useEffect, useRef } from 'react';
import { addTiles, createMap, L, useMapConfig } from '../../../lib/leaflet-map.js';
// After leaflet-map: Geoman extends the global L that Leaflet sets when it loads.
import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import { defineMessages } from '../../../lib/i18n.js';

const t = defineMessages({
  en: {
    label: 'Map of the territories’ drawn zones',
    homeBase: 'Home base of {name}',
  },
});

export interface MapTerritory {
  key: string;
  name: string;
  polygon: number[][] | null;
}

interface TerritoryMapProps {
  territories: MapTerritory[];
  /** The territory whose zone is being drawn or edited; null: the map only shows the zones. */
  activeKey: string | null;
  onChange(key: string, polygon: number[][]): void;
  /** Technicians' home bases: where to look when there is no zone yet, and something to draw around when tiles are missing. */
  landmarks: { lat: number; lng: number; name: string }[];
}

const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2'];
/** A wide view of the world when there is nothing to frame yet. */
const WORLD: L.LatLngExpression = [20, 0];

const toLatLngs = (polygon: number[][]) => polygon.map(([lat, lng]) => L.latLng(lat!, lng!));
/** Leaflet's rings back to [lat, lng] pairs, rounded to about 1 m. */
const fromLayer = (layer: L.Polygon): number[][] => {
  const rings = layer.getLatLngs() as L.LatLng[][];
  return (rings[0] ?? []).map((p) => [Math.round(p.lat * 1e6) / 1e6, Math.round(p.lng * 1e6) / 1e6]);
};

/**
 * The territories' zones on a Leaflet map, drawn and edited with Geoman: the active territory
 * without a zone gets the polygon tool; one with a zone gets handles on its corners. Zones draw
 * whether or not map tiles load (offline), on a plain background.
 */
export function TerritoryMap({ territories, activeKey, onChange, landmarks }: TerritoryMapProps) {
  const element = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layersRef = useRef<L.LayerGroup | null>(null);
  const landmarksRef = useRef<L.LayerGroup | null>(null);
  const framed = useRef(false);
  const hasView = useRef(false);
  const config = useMapConfig();
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const map = createMap(element.current!);
    map.pm.setGlobalOptions({ snappable: false, allowSelfIntersection: false });
    layersRef.current = L.layerGroup().addTo(map);
    landmarksRef.current = L.layerGroup().addTo(map);
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !config.data) return;
    const tiles = addTiles(map, config.data);
    return () => void tiles.remove();
  }, [config.data]);

  const landmarkSignature = JSON.stringify(landmarks);
  useEffect(() => {
    const group = landmarksRef.current;
    if (!group) return;
    group.clearLayers();
    for (const place of landmarks) {
      L.circleMarker([place.lat, place.lng], { radius: 6, color: '#334155', weight: 2, fillColor: '#fff', fillOpacity: 1, pmIgnore: true, interactive: true })
        .bindTooltip(t('homeBase', { name: place.name }))
        .addTo(group);
    }
    // landmarkSignature stands for the landmarks' contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [landmarkSignature]);

  // The zones, rebuilt when a territory changes; the active one editable or, without a zone, drawn anew.
  const signature = JSON.stringify(territories.map((x) => [x.key, x.name, x.polygon]));
  useEffect(() => {
    const map = mapRef.current;
    const group = layersRef.current;
    if (!map || !group) return;
    group.clearLayers();
    const bounds = L.latLngBounds([]);
    territories.forEach((territory, index) => {
      if (!territory.polygon || territory.polygon.length < 3) return;
      const active = territory.key === activeKey;
      const colour = COLOURS[index % COLOURS.length]!;
      const layer = L.polygon(toLatLngs(territory.polygon), { className: 'booking-settings__zone', color: colour, weight: active ? 3 : 2, fillOpacity: active ? 0.25 : 0.12, dashArray: activeKey && !active ? '4 4' : undefined });
      layer.bindTooltip(territory.name || '—', { sticky: true });
      layer.addTo(group);
      bounds.extend(layer.getBounds());
      if (active) {
        layer.pm.enable({ allowSelfIntersection: false, snappable: false });
        const emit = () => onChangeRef.current(territory.key, fromLayer(layer));
        layer.on('pm:edit', emit);
        layer.on('pm:markerdragend', emit);
        layer.on('pm:vertexremoved', emit);
      }
    });
    // Framed once, on the zones or else the home bases; until either is known, the whole world.
    if (!framed.current) {
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13, animate: false });
      else if (landmarks.length > 0) map.fitBounds(L.latLngBounds(landmarks.map((p) => L.latLng(p.lat, p.lng))), { padding: [48, 48], maxZoom: 11, animate: false });
      else if (!hasView.current) map.setView(WORLD, 2, { animate: false });
      hasView.current = true;
      framed.current = bounds.isValid() || landmarks.length > 0;
    }
    // signature and landmarkSignature stand for the contents of territories and landmarks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature, activeKey, landmarkSignature]);

  // Drawing a new zone for the active territory that has none.
  const needsDrawing = activeKey !== null && !territories.find((x) => x.key === activeKey)?.polygon;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !needsDrawing || !activeKey) return;
    const created = (event: { layer: L.Layer }) => {
      const layer = event.layer as L.Polygon;
      const polygon = fromLayer(layer);
      // The zone is shown from the territory's state, not from Geoman's own layer.
      layer.remove();
      if (polygon.length >= 3) onChangeRef.current(activeKey, polygon);
    };
    map.on('pm:create', created);
    map.pm.enableDraw('Polygon', { snappable: false, allowSelfIntersection: false, finishOn: null });
    return () => {
      map.off('pm:create', created);
      map.pm.disableDraw();
    };
  }, [needsDrawing, activeKey]);

  return <div ref={element} className="booking-settings__map" role="region" aria-label={t('label')} data-testid="territory-map" />;
}
