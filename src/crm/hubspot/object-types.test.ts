import { describe, expect, it } from 'vitest';
import type { HubSpotApi } from './hubspot-api';
import { parseObjectTypeIds, readObjectTypeIds, withObjectTypeIds } from './object-types';
import { HubSpotCallFailed } from './retry';

const SCHEMAS = {
  results: [
    { name: 'handoff_activity', objectTypeId: '2-501' },
    { name: 'handoff_content_asset', objectTypeId: '2-502' },
    { name: 'someone_elses_object', objectTypeId: '2-503' },
  ],
};

/** An API that records the object types it is called with and answers every call with nothing. */
function recordingApi(): { api: HubSpotApi; seen: string[][]; schemaReads: () => number } {
  const seen: string[][] = [];
  let reads = 0;
  const record =
    (...positions: number[]) =>
    (...args: unknown[]) => {
      seen.push(positions.map((p) => String(args[p])));
      return Promise.resolve({});
    };
  const api = {
    getObject: record(0),
    batchRead: record(0),
    search: record(0),
    listObjects: record(0),
    createObject: record(0),
    updateObject: record(0),
    getAssociations: record(0, 2),
    getAssociationLabels: record(0, 1),
    listSchemas: () => {
      reads += 1;
      return Promise.resolve(SCHEMAS);
    },
  } as unknown as HubSpotApi;
  return { api, seen, schemaReads: () => reads };
}

describe('parseObjectTypeIds', () => {
  it.each([
    ['accepts a map of Handoff object names to type ids', '{"handoff_activity":"2-101"}', true, ''],
    ['accepts an empty map', '{}', true, ''],
    ['rejects text that is not JSON', 'handoff_activity=2-101', false, 'not JSON'],
    ['rejects a list', '["2-101"]', false, 'JSON object of strings'],
    ['rejects a name that is not a Handoff object', '{"cars":"2-101"}', false, 'cars is not a Handoff'],
    ['rejects an id that is not an object type id', '{"handoff_activity":"p123_x"}', false, 'not an object'],
  ])('%s', (_, text, ok, message) => {
    const parsed = parseObjectTypeIds(text);
    expect(parsed.ok).toBe(ok);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});

describe('withObjectTypeIds', () => {
  it('uses the configured ids without reading the schemas', async () => {
    const { api, seen, schemaReads } = recordingApi();
    const wrapped = withObjectTypeIds(api, { handoff_activity: '2-9' }, api.listSchemas);
    await wrapped.batchRead('handoff_activity', ['1'], []);
    await wrapped.getObject('contacts', '1', [], ['handoff_activity', 'deals']);
    expect(seen).toEqual([['2-9'], ['contacts']]);
    expect(schemaReads()).toBe(0);
  });

  it('resolves every object-type argument from one schema listing when none are configured', async () => {
    const { api, seen, schemaReads } = recordingApi();
    const wrapped = withObjectTypeIds(api, {}, api.listSchemas);
    await Promise.all([
      wrapped.search('handoff_activity', { filterGroups: [], sorts: [], properties: [], limit: 1 }),
      wrapped.getAssociationLabels('handoff_activity', 'handoff_content_asset'),
      wrapped.getAssociations('contacts', '1', 'handoff_activity', undefined),
      wrapped.createObject('handoff_content_asset', {}, []),
    ]);
    expect(seen.map((args) => args.join(' ')).sort()).toEqual([
      '2-501',
      '2-501 2-502',
      '2-502',
      'contacts 2-501',
    ]);
    expect(schemaReads()).toBe(1);
  });

  it('answers INVALID, naming the setup command, for a Handoff object the portal does not have', async () => {
    const { api } = recordingApi();
    const wrapped = withObjectTypeIds(api, {}, api.listSchemas);
    const failure = await wrapped.batchRead('handoff_owner_profile', ['1'], []).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HubSpotCallFailed);
    expect((failure as HubSpotCallFailed).failure.error).toMatchObject({ code: 'INVALID' });
    expect((failure as HubSpotCallFailed).failure.error.message).toContain('handoff hubspot setup');
  });

  it('reads the schemas again after a failed listing', async () => {
    const { api } = recordingApi();
    let attempts = 0;
    const flaky = () => {
      attempts += 1;
      return attempts === 1 ? Promise.reject(new Error('socket hang up')) : Promise.resolve(SCHEMAS);
    };
    const wrapped = withObjectTypeIds(api, {}, flaky);
    await expect(wrapped.batchRead('handoff_activity', ['1'], [])).rejects.toThrow('socket hang up');
    await wrapped.batchRead('handoff_activity', ['1'], []);
    expect(attempts).toBe(2);
  });
});

describe('readObjectTypeIds', () => {
  it('lists the Handoff objects a portal has and leaves the others out', async () => {
    const { api } = recordingApi();
    expect(await readObjectTypeIds(api)).toEqual({
      handoff_activity: '2-501',
      handoff_content_asset: '2-502',
    });
  });
});
