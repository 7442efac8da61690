import { matchRoute, type Route } from '../router';
import type { EmulatedApi, EmulatorResponse } from '../types';
import { associationRoutes } from './associations';
import type { HsHandler } from './context';
import {
  HubSpotError,
  dailyLimitResponse,
  errorResponse,
  rollingLimitResponse,
  secondlyLimitResponse,
  serverErrorResponse,
  unauthorizedResponse,
} from './errors';
import { loadHubSpotSeed } from './load-seed';
import { objectRoutes } from './objects';
import { ownerRoutes } from './owners';
import { propertyRoutes } from './properties-api';
import { schemaRoutes } from './schemas';
import { migrateHubSpot, storeFor } from './store';

/** CRM search (`POST /crm/v3/objects/<type>/search`), which HubSpot limits per second on top of the rolling limit. */
const SEARCH_PATH = /^\/crm\/v3\/objects\/[^/]+\/search\/?$/;

const ROUTES: readonly Route<HsHandler>[] = [
  ...objectRoutes(),
  ...associationRoutes(),
  ...propertyRoutes(),
  ...schemaRoutes(),
  ...ownerRoutes(),
];

/** The emulated HubSpot API (the subset Handoff uses), mounted under `/hubspot`. */
export const hubspotApi: EmulatedApi = {
  name: 'hubspot',
  prefix: '/hubspot',
  migrate: migrateHubSpot,
  load: loadHubSpotSeed,
  isPublic: () => false,
  handle(req, ctx): EmulatorResponse {
    const match = matchRoute(ROUTES, req);
    if (match.kind === 'not-found') {
      return errorResponse(404, 'OBJECT_NOT_FOUND', `No route for ${req.method} ${req.path}`);
    }
    if (match.kind === 'method-not-allowed') {
      return errorResponse(405, 'VALIDATION_ERROR', `${req.method} is not supported on ${req.path}`);
    }
    try {
      return match.route.handler(match.params, { store: storeFor(ctx.db), now: ctx.now(), req });
    } catch (cause) {
      if (cause instanceof HubSpotError) {
        return errorResponse(cause.status, cause.category, cause.message, cause.errors);
      }
      throw cause;
    }
  },
  unauthorized: unauthorizedResponse,
  rateLimited: rollingLimitResponse,
  dailyLimited: dailyLimitResponse,
  isSearch: (req) => req.method === 'POST' && SEARCH_PATH.test(req.path),
  secondlyLimited: secondlyLimitResponse,
  serverError: serverErrorResponse,
};
