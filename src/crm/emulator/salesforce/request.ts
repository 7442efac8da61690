import type { SfStore } from './store';

/** A request inside the versioned data API (`/services/data/vXX.X/...`), also built for composite subrequests. */
export interface SfRequest {
  readonly method: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
  readonly rawBody: string;
}

export interface SfEnv {
  readonly store: SfStore;
  readonly now: number;
  /** The API version of the request path, e.g. `62.0`. */
  readonly version: string;
  readonly baseUrl: string;
}

/** A header by name, whatever its case. */
export function header(req: Pick<SfRequest, 'headers'>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers)) {
    if (key.toLowerCase() === lower) return value;
  }
  return undefined;
}
