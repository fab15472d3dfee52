import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const MapConfig = Type.Object({
  tileUrl: Type.String({ description: 'Leaflet tile address: {z}/{x}/{y}, optional {s} subdomain', examples: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'] }),
  attribution: Type.String({ description: 'The credit line the tile provider requires, as plain text', examples: ['© OpenStreetMap contributors'] }),
});

/** Where the maps (portal job page, console live map) take their tiles from: MAP_TILE_URL and MAP_ATTRIBUTION. */
export const mapConfigRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const answer = { tileUrl: app.config.mapTileUrl, attribution: app.config.mapAttribution };
  app.get(
    '/api/map-config',
    { schema: { tags: ['Operations'], summary: 'The map tile server and its attribution, for the maps in the portal and console', response: { 200: MapConfig } } },
    async (_request, reply) => {
      // The same for every visitor and only changed by a restart.
      reply.header('Cache-Control', 'public, max-age=300');
      return answer;
    },
  );
};
