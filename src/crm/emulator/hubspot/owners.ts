import { route, type Route } from '../router';
import { notFound } from './errors';
import { json, type HsHandler } from './context';

const list: HsHandler = (_p, ctx) => {
  const q = ctx.req.query;
  const email = q.get('email')?.toLowerCase();
  const limit = Math.min(Math.max(Number(q.get('limit') ?? 100) || 100, 1), 500);
  const offset = Number(q.get('after') ?? 0) || 0;
  const all = ctx.store
    .owners()
    .filter((o) => email === undefined || String(o['email']).toLowerCase() === email);
  const next = offset + limit;
  return json(200, {
    results: all.slice(offset, next),
    ...(next < all.length ? { paging: { next: { after: String(next), link: `?after=${next}` } } } : {}),
  });
};

const get: HsHandler = (p, ctx) => {
  const owner = ctx.store.owners().find((o) => o['id'] === p['ownerId']);
  if (!owner) throw notFound(`Owner ${p['ownerId'] ?? ''} not found`);
  return json(200, owner);
};

export function ownerRoutes(): Route<HsHandler>[] {
  return [route('GET', '/crm/v3/owners', list), route('GET', '/crm/v3/owners/:ownerId', get)];
}
