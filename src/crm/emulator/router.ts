import type { EmulatorRequest } from './types';

export type RouteParams = Readonly<Record<string, string>>;

export interface Route<Handler> {
  readonly method: string;
  readonly pattern: string;
  readonly segments: readonly string[];
  readonly handler: Handler;
}

/** A route: `pattern` segments starting with `:` capture one path segment. */
export function route<Handler>(method: string, pattern: string, handler: Handler): Route<Handler> {
  return { method, pattern, segments: pattern.split('/').filter(Boolean), handler };
}

export type RouteMatch<Handler> =
  | { readonly kind: 'found'; readonly route: Route<Handler>; readonly params: RouteParams }
  | { readonly kind: 'method-not-allowed' }
  | { readonly kind: 'not-found' };

/** Finds the first route whose pattern matches the path; a path known under another method is 405. */
export function matchRoute<Handler>(
  routes: readonly Route<Handler>[],
  req: Pick<EmulatorRequest, 'method' | 'path'>,
): RouteMatch<Handler> {
  const parts = req.path.split('/').filter(Boolean);
  let pathKnown = false;
  for (const r of routes) {
    if (r.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = r.segments.every((seg, i) => {
      const part = parts[i] as string;
      if (seg.startsWith(':')) {
        params[seg.slice(1)] = decodeURIComponent(part);
        return true;
      }
      return seg === part;
    });
    if (!ok) continue;
    if (r.method === req.method) return { kind: 'found', route: r, params };
    pathKnown = true;
  }
  return pathKnown ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}
