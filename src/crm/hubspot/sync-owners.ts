import type * as z from 'zod';
import type { CrmResult } from '../port';
import { crmOk, normaliseHubSpotError, parseAnswer, type CrmFailure } from './errors';
import type { HubSpotApi } from './hubspot-api';
import {
  HsBatchSchema,
  HsOwnersSchema,
  HsPageSchema,
  propertyText,
  type HsOwner,
  type HsRecord,
} from './mapping';
import { withObjectTypeIds } from './object-types';
import { HubSpotCallFailed, commandRetryPolicy, withRetry, type RetryPolicy } from './retry';
import { CUSTOM_OBJECTS, OWNER_PROFILE_PROPERTIES } from './schema-names';

// `handoff hubspot sync-owners`: the adapter learns a lead's owner from the owner profile alone, so the profile's
// copies of the owner's name and email must follow the owners API. Only the copies are written: role and manager are
// the admin's data, and a profile whose owner is gone is reported, never deleted.

export type OwnerSyncAction = 'create' | 'update' | 'unchanged' | 'orphaned';

/** A copied field that can drift from the owners API. */
export type OwnerCopyField = 'firstName' | 'lastName' | 'email';

export interface OwnerSyncItem {
  readonly action: OwnerSyncAction;
  readonly ownerId: string;
  /** The owners API's name; for an orphaned profile, the profile's copy. */
  readonly name: string;
  readonly email: string;
  /** For updates: the copies that differ from the owners API. */
  readonly changes: readonly OwnerCopyField[];
  /** The owner profile's record id (null for a create). */
  readonly profileId: string | null;
}

export interface OwnerSyncPlan {
  readonly items: readonly OwnerSyncItem[];
  /** Writes the creates and updates in order; returns how many writes it made. */
  apply(): Promise<CrmResult<number>>;
}

const DEFAULT_POLICY: RetryPolicy = commandRetryPolicy(0x0e4);

const P = OWNER_PROFILE_PROPERTIES;
const PROFILE_PROPERTIES: readonly string[] = Object.values(P);
const COPIES: readonly (readonly [OwnerCopyField, string])[] = [
  ['firstName', P.firstName],
  ['lastName', P.lastName],
  ['email', P.email],
];

/** HubSpot stores an empty property as absent: '', null and missing are the same value. */
const value = (v: string | null | undefined): string => v ?? '';
const ownerCopy = (owner: HsOwner, field: OwnerCopyField): string => value(owner[field]);
const ownerName = (owner: HsOwner): string =>
  [owner.firstName, owner.lastName].filter((p) => value(p) !== '').join(' ');

/** The copies on `profile` that differ from `owner`. */
function copyChanges(owner: HsOwner, profile: HsRecord): OwnerCopyField[] {
  return COPIES.filter(([field, name]) => value(propertyText(profile, name)) !== ownerCopy(owner, field)).map(
    ([field]) => field,
  );
}

/** The property values that bring `fields` of a profile in line with `owner` ('' clears a value in HubSpot). */
const copyValues = (owner: HsOwner, fields: readonly OwnerCopyField[]): Record<string, string> =>
  Object.fromEntries(
    COPIES.filter(([field]) => fields.includes(field)).map(([field, name]) => [
      name,
      ownerCopy(owner, field),
    ]),
  );

const failureOf = (cause: unknown): CrmFailure =>
  cause instanceof HubSpotCallFailed ? cause.failure : normaliseHubSpotError(cause);

/**
 * Compares every owner in the owners API with its `handoff_owner_profile`: a profile to create (role rep), copies of
 * name and email to update, unchanged, or a profile whose owner is gone (orphaned, never deleted).
 * @example const plan = await planOwnerSync(hubSpotApi({ accessToken })); if (plan.ok) await plan.data.apply()
 */
export async function planOwnerSync(
  api: HubSpotApi,
  policy: RetryPolicy = DEFAULT_POLICY,
): Promise<CrmResult<OwnerSyncPlan>> {
  const typed = withObjectTypeIds(api, {}, () => api.listSchemas());
  const type = CUSTOM_OBJECTS.ownerProfile;
  const call = <S extends z.ZodType>(schema: S, what: string, op: () => Promise<unknown>) =>
    withRetry(async () => parseAnswer(schema, await op(), what), policy);

  /** Every page of a paged listing. */
  const readAll = async <T>(
    read: (after: string | undefined) => Promise<{
      results: T[];
      paging?: { next?: { after: string } | undefined } | undefined;
    }>,
  ): Promise<T[]> => {
    const all: T[] = [];
    let after: string | undefined;
    do {
      const page = await read(after);
      all.push(...page.results);
      after = page.paging?.next?.after;
    } while (after !== undefined);
    return all;
  };

  try {
    const [owners, profiles] = await Promise.all([
      readAll((after) => call(HsOwnersSchema, 'the owners', () => typed.listOwners(after))),
      readAll((after) =>
        call(HsPageSchema, 'the owner profiles', () =>
          typed.listObjects(type, PROFILE_PROPERTIES, [], after),
        ),
      ),
    ]);

    const profileOf = new Map<string, HsRecord>();
    for (const profile of profiles) {
      const ownerId = propertyText(profile, P.ownerId);
      // The owner id is unique, so a second profile for one id cannot exist; keep the first if one ever does.
      if (ownerId !== null && !profileOf.has(ownerId)) profileOf.set(ownerId, profile);
    }

    const items: OwnerSyncItem[] = [];
    const writes: (() => Promise<number>)[] = [];
    // Archived owners (deactivated users) count as gone: their profiles are reported as orphaned below.
    const active = owners.filter((o) => o['archived'] !== true);
    const activeIds = new Set(active.map((o) => o.id));

    /** Brings an existing profile's copies in line with `owner`; 1 if it wrote, 0 if nothing differed. */
    const refresh = async (owner: HsOwner, profile: HsRecord): Promise<number> => {
      const changes = copyChanges(owner, profile);
      if (changes.length === 0) return 0;
      await withRetry(() => typed.updateObject(type, profile.id, copyValues(owner, changes)), policy);
      return 1;
    };

    const create = async (owner: HsOwner): Promise<number> => {
      const properties = {
        [P.ownerId]: owner.id,
        [P.role]: 'rep',
        ...Object.fromEntries(
          Object.entries(copyValues(owner, ['firstName', 'lastName', 'email'])).filter(([, v]) => v !== ''),
        ),
      };
      try {
        await withRetry(() => typed.createObject(type, properties, []), policy);
        return 1;
      } catch (cause) {
        const failure = failureOf(cause);
        // A 409 on the unique owner id: another run (or a retried create that reached HubSpot) made the profile
        // meanwhile. Read it back and refresh its copies, leaving the role and manager it was given.
        if (failure.error.code !== 'CONFLICT') throw new HubSpotCallFailed(failure);
        const found = await call(HsBatchSchema, `the owner profile of ${owner.id}`, () =>
          typed.batchRead(type, [owner.id], PROFILE_PROPERTIES, P.ownerId),
        );
        const existing = found.results[0];
        if (existing === undefined) throw new HubSpotCallFailed(failure);
        return refresh(owner, existing);
      }
    };

    for (const owner of active) {
      const profile = profileOf.get(owner.id);
      const base = { ownerId: owner.id, name: ownerName(owner), email: value(owner.email) };
      if (profile === undefined) {
        items.push({ ...base, action: 'create', changes: [], profileId: null });
        writes.push(() => create(owner));
        continue;
      }
      const changes = copyChanges(owner, profile);
      items.push({
        ...base,
        action: changes.length > 0 ? 'update' : 'unchanged',
        changes,
        profileId: profile.id,
      });
      if (changes.length > 0) writes.push(() => refresh(owner, profile));
    }

    for (const profile of profiles) {
      const ownerId = propertyText(profile, P.ownerId);
      if (ownerId !== null && activeIds.has(ownerId)) continue;
      items.push({
        action: 'orphaned',
        ownerId: ownerId ?? '',
        name: [propertyText(profile, P.firstName), propertyText(profile, P.lastName)]
          .filter((p) => p !== null)
          .join(' '),
        email: value(propertyText(profile, P.email)),
        changes: [],
        profileId: profile.id,
      });
    }

    return crmOk({
      items,
      async apply() {
        let written = 0;
        try {
          for (const write of writes) written += await write();
          return crmOk(written);
        } catch (cause) {
          return failureOf(cause);
        }
      },
    });
  } catch (cause) {
    return failureOf(cause);
  }
}

/**
 * One line per item: action, owner id, name and email, and the changed copies of an update.
 * @example formatOwnerSyncItem(item) // → 'update    80000001    Ada Lovelace <ada@example.com> (email)'
 */
export function formatOwnerSyncItem(item: OwnerSyncItem): string {
  const who = [item.name, item.email === '' ? '' : `<${item.email}>`].filter((p) => p !== '').join(' ');
  const changes = item.changes.length > 0 ? ` (${item.changes.join(', ')})` : '';
  const ownerId = item.ownerId === '' ? '(no owner id)' : item.ownerId;
  return `${item.action.padEnd(10)}${ownerId.padEnd(11)} ${who === '' ? '(no name)' : who}${changes}`;
}
