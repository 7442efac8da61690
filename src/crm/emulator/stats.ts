/** How one API call ended, for the counters. */
export type CallOutcome =
  'handled' | 'unauthorized' | 'rate-limited' | 'daily-limited' | 'server-error' | 'dropped';

export interface StatsSnapshot {
  readonly total: number;
  readonly byApi: Readonly<Record<string, number>>;
  /** `METHOD /prefix/path` with record ids replaced by `:id`, e.g. `GET /hubspot/crm/v3/objects/contacts/:id`. */
  readonly byEndpoint: Readonly<Record<string, number>>;
  readonly byOutcome: Readonly<Record<CallOutcome, number>>;
}

/** A HubSpot numeric id, a Salesforce 15/18-character id or query locator (`01gxx…-2000`), a UUID. */
const ID_SEGMENT =
  /^(?:\d+|(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?(?:-\d+)?|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Groups calls by endpoint: record ids in the path become `:id`. */
export function endpointKey(method: string, prefix: string, path: string): string {
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((s) => (ID_SEGMENT.test(s) ? ':id' : s));
  return `${method} ${prefix}/${segments.join('/')}`;
}

const emptyOutcomes = (): Record<CallOutcome, number> => ({
  handled: 0,
  unauthorized: 0,
  'rate-limited': 0,
  'daily-limited': 0,
  'server-error': 0,
  dropped: 0,
});

/** Call counters per API, endpoint and outcome. */
export class CallStats {
  private total = 0;
  private byApi = new Map<string, number>();
  private byEndpoint = new Map<string, number>();
  private byOutcome = emptyOutcomes();

  record(api: string, endpoint: string, outcome: CallOutcome): void {
    this.total += 1;
    this.byApi.set(api, (this.byApi.get(api) ?? 0) + 1);
    this.byEndpoint.set(endpoint, (this.byEndpoint.get(endpoint) ?? 0) + 1);
    this.byOutcome[outcome] += 1;
  }

  snapshot(): StatsSnapshot {
    return {
      total: this.total,
      byApi: Object.fromEntries(this.byApi),
      byEndpoint: Object.fromEntries([...this.byEndpoint].sort(([a], [b]) => a.localeCompare(b))),
      byOutcome: { ...this.byOutcome },
    };
  }

  clear(): void {
    this.total = 0;
    this.byApi.clear();
    this.byEndpoint.clear();
    this.byOutcome = emptyOutcomes();
  }
}
