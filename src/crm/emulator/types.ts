import type { Database } from 'better-sqlite3';

/** One HTTP request as an emulated API module sees it (the server strips the `/hubspot` or `/salesforce` prefix). */
export interface EmulatorRequest {
  readonly method: string;
  /** The path after the API prefix, e.g. `/crm/v3/objects/contacts/batch/read` or `/services/data/v62.0/query`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body parsed as JSON when it is JSON, else undefined. */
  readonly body: unknown;
  /** The body as text (CSV uploads for Bulk API 2.0, form-encoded OAuth requests). */
  readonly rawBody: string;
}

export interface EmulatorResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON unless `rawBody` is given. */
  readonly body?: unknown;
  readonly rawBody?: string;
}

export interface EmulatorContext {
  readonly db: Database;
  /** The emulator's clock (the sandbox can move it); epoch milliseconds. */
  readonly now: () => number;
  /** e.g. `http://127.0.0.1:5170/salesforce`, for URLs the API returns (nextRecordsUrl, instance_url). */
  readonly baseUrl: string;
}

/** A CRM's emulated API: its own tables in the shared SQLite database, its routes, and its error shapes. */
export interface EmulatedApi {
  readonly name: 'hubspot' | 'salesforce';
  /** `/hubspot` or `/salesforce`. */
  readonly prefix: string;
  /** Creates this API's tables if missing (idempotent). */
  migrate(db: Database): void;
  /** Deletes this API's rows and loads the seed. */
  load(db: Database, seed: SeedData): void;
  /** Paths under the prefix that need no bearer token (e.g. the Salesforce OAuth token endpoint). */
  isPublic(req: EmulatorRequest): boolean;
  handle(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | Promise<EmulatorResponse>;
  /** The API's own 401 body for a missing or wrong token. */
  unauthorized(): EmulatorResponse;
  /** The API's own 429 body, with Retry-After. */
  rateLimited(retryAfterSeconds: number): EmulatorResponse;
  /** The API's own 5xx body. */
  serverError(status: number): EmulatorResponse;
  /**
   * The API's own answer when a daily (non-retryable) limit is exhausted, e.g. HubSpot's 429 with policyName DAILY.
   * Optional: the server falls back to `rateLimited`.
   */
  dailyLimited?(retryAfterSeconds: number): EmulatorResponse;
  /** Optional: whether a request is a search that a per-second search limit counts (HubSpot's CRM search). */
  isSearch?(req: EmulatorRequest): boolean;
  /** Optional: the API's own 429 for its per-second limit; the server falls back to `rateLimited`. */
  secondlyLimited?(retryAfterSeconds: number): EmulatorResponse;
  /**
   * Optional: paths that reach the server without this API's prefix but belong to it (jsforce's Bulk API 2.0 drops
   * the instance URL's path). The server passes such requests with the path unchanged.
   */
  ownsUnprefixedPath?(path: string): boolean;
}

// ---------------------------------------------------------------- seed data (CRM-neutral)

export type LeadStage = 'inquiry' | 'mql' | 'sql' | 'sal';

export interface SeedOwner {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: 'rep' | 'manager' | 'marketer';
  readonly managerId: string | null;
}

export interface SeedLead {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly company: string;
  readonly jobTitle: string;
  readonly seniority: string;
  readonly industry: string;
  readonly employees: number;
  readonly annualRevenue: number;
  readonly country: string;
  readonly technologies: readonly string[];
  readonly source: string;
  readonly stage: LeadStage;
  /** open, accepted, disqualified, recycled, waiting_on_prospect */
  readonly handoffStatus: string;
  readonly ownerId: string;
  readonly createdAt: string;
  readonly stageEnteredAt: string;
  readonly firstTouchAt: string | null;
  /**
   * The handoff status's values from creation on, oldest first (the last is `handoffStatus`), as the CRMs' field
   * history records them; absent: unchanged since creation.
   */
  readonly statusHistory?: readonly { readonly at: string; readonly status: string }[];
  readonly discovery: {
    readonly need: string | null;
    readonly budget: string | null;
    readonly authority: string | null;
    readonly timeline: string | null;
  };
}

export interface SeedEvent {
  readonly id: string;
  readonly leadId: string;
  readonly type: string;
  readonly at: string;
  readonly assetId: string | null;
}

export interface SeedAsset {
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly format: string;
  readonly buyerStages: readonly string[];
  readonly useCases: readonly string[];
  readonly industries: readonly string[];
  readonly personas: readonly string[];
  readonly objectionTypes: readonly string[];
  readonly status: 'active' | 'archived';
  readonly ownerId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface SeedDeal {
  readonly id: string;
  readonly name: string;
  readonly amount: number;
  readonly stage: string;
  readonly source: string;
  readonly ownerId: string;
  /** The lead (contact) the deal came from, and every contact associated with it. */
  readonly leadId: string;
  readonly contactIds: readonly string[];
  readonly leadCreatedAt: string;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly won: boolean | null;
}

export interface SeedTouch {
  readonly id: string;
  readonly dealId: string;
  readonly leadId: string;
  readonly assetId: string;
  readonly channel: string;
  readonly at: string;
  /** The deal's buyer stage when touched (the default playbook's deal-stage map), or null when not recorded. */
  readonly buyerStage: string | null;
}

export interface SeedDisposition {
  readonly id: string;
  readonly leadId: string;
  readonly outcome: 'accept' | 'reject' | 'recycle';
  readonly reasonCode: string;
  readonly notes: string;
  readonly at: string;
  readonly ownerId: string;
  readonly idempotencyKey: string;
}

export interface SeedData {
  readonly seed: number;
  readonly owners: readonly SeedOwner[];
  readonly leads: readonly SeedLead[];
  readonly events: readonly SeedEvent[];
  readonly assets: readonly SeedAsset[];
  readonly deals: readonly SeedDeal[];
  readonly touches: readonly SeedTouch[];
  readonly dispositions: readonly SeedDisposition[];
}
