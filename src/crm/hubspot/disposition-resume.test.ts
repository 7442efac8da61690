import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispositionPlan } from '../../core/disposition/types';
import type { CrmPort } from '../port';
import { createHubSpotAdapter, createHubSpotPort } from './adapter';
import { hubSpotApi, type HubSpotApi } from './hubspot-api';
import {
  ACTIVITY_PROPERTIES,
  CONTACT_PROPERTIES,
  CUSTOM_OBJECTS,
  HUBSPOT_PROPERTIES,
  TASK_PROPERTIES,
} from './schema-names';
import { NOW_MS, planFor, startTestHubSpot, type TestHubSpot } from './test-emulator';

// writeDisposition finishing what a lost answer, an interrupted run or another writer left; the contact's SLA fields.

let hs: TestHubSpot;
let crm: CrmPort;

beforeAll(async () => {
  hs = await startTestHubSpot({ leads: 120, deals: 4, assets: 4 });
  crm = createHubSpotAdapter({ accessToken: hs.emulator.token, basePath: hs.basePath, retryBaseMs: 1 });
});

afterAll(async () => {
  await hs.emulator.close();
});

const taken = new Set<string>();
/** A contact id for a seeded lead in `stage` with no disposition that no other test has used. */
async function freshContact(stage: string): Promise<string> {
  const lead = hs.seed.leads.find(
    (l) => l.stage === stage && !taken.has(l.id) && !hs.seed.dispositions.some((d) => d.leadId === l.id),
  );
  if (!lead) throw new Error(`no unused ${stage} lead in the seed`);
  taken.add(lead.id);
  return hs.idOf('contacts', lead.id);
}

const ACCEPT = { submissionId: 'resume-accept', outcome: 'accept', reasonCode: 'accept_meeting_booked' };
const RECYCLE = {
  submissionId: 'resume-recycle',
  outcome: 'recycle',
  reasonCode: 'recycle_no_budget',
  notes: 'No budget until the next fiscal year starts.',
};

const dropped = () =>
  Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('socket'), { code: 'ECONNRESET' }),
  });

type Method = keyof HubSpotApi;
/** The activity object as the API sees it: the portal's object type id. */
const activityType = () => hs.objectTypeIds.handoff_activity ?? CUSTOM_OBJECTS.activity;

/** The real API, except that the first call `loses` picks is applied by HubSpot and its answer then lost. */
function losingOnce(loses: (method: Method, args: readonly unknown[]) => boolean) {
  const real = hubSpotApi({ accessToken: hs.emulator.token, basePath: hs.basePath });
  let lost = false;
  const api = new Proxy(real, {
    get:
      (target, name: Method) =>
      async (...args: unknown[]) => {
        const answer = await (target[name] as (...a: unknown[]) => Promise<unknown>)(...args);
        if (!lost && loses(name, args)) {
          lost = true;
          throw dropped();
        }
        return answer;
      },
  });
  return { api, lost: () => lost };
}

async function dispositionRecords(key: string) {
  const found = await hs.client.crm.objects.searchApi.doSearch(CUSTOM_OBJECTS.activity, {
    filterGroups: [
      { filters: [{ propertyName: ACTIVITY_PROPERTIES.externalId, operator: 'EQ', value: key }] },
    ],
    properties: [ACTIVITY_PROPERTIES.writePending, ACTIVITY_PROPERTIES.noteId],
    sorts: [],
    limit: 10,
  } as never);
  return found.results.map((r) => r.properties);
}

async function contactProps(contactId: string) {
  const contact = await hs.client.crm.contacts.basicApi.getById(contactId, [
    CONTACT_PROPERTIES.stage,
    CONTACT_PROPERTIES.status,
    CONTACT_PROPERTIES.firstTouchAt,
    CONTACT_PROPERTIES.stageEnteredAt,
  ]);
  const blank = (v: string | null | undefined) => (v === undefined || v === null || v === '' ? null : v);
  return {
    stage: blank(contact.properties[CONTACT_PROPERTIES.stage]),
    status: blank(contact.properties[CONTACT_PROPERTIES.status]),
    firstTouchAt: blank(contact.properties[CONTACT_PROPERTIES.firstTouchAt]),
    stageEnteredAt: blank(contact.properties[CONTACT_PROPERTIES.stageEnteredAt]),
  };
}

const notesOn = async (contactId: string) =>
  (await hs.client.crm.associations.v4.basicApi.getPage('contacts', contactId, 'notes')).results.length;

/** One record, complete, one note, and the contact in the plan's stage: the write is whole. */
async function expectWhole(contactId: string, plan: DispositionPlan, notesBefore: number): Promise<void> {
  const records = await dispositionRecords(plan.idempotencyKey);
  expect(records).toHaveLength(1);
  expect(records[0]?.[ACTIVITY_PROPERTIES.writePending]).toBe('false');
  expect(records[0]?.[ACTIVITY_PROPERTIES.noteId]).toMatch(/^\d+$/);
  expect(await notesOn(contactId)).toBe(notesBefore + 1);
  expect(await contactProps(contactId)).toMatchObject({
    stage: plan.fields.handoffStage,
    status: plan.fields.handoffStatus,
  });
}

describe('writeDisposition when an answer is lost after HubSpot applied the write', () => {
  it.each<[string, (method: Method, args: readonly unknown[]) => boolean]>([
    ['the disposition record’s create', (m, a) => m === 'createObject' && a[0] === activityType()],
    ['the note’s create', (m) => m === 'createNote'],
    ['the contact update', (m, a) => m === 'updateObject' && a[0] === 'contacts'],
    ['the done mark', (m, a) => m === 'updateObject' && a[0] === activityType()],
  ])(
    'finishes the write when the answer to %s is lost, and a repeat answers created false',
    async (_, loses) => {
      const contactId = await freshContact('sql');
      const plan = planFor(ACCEPT, contactId, 'sql');
      const notesBefore = await notesOn(contactId);
      const losing = losingOnce(loses);
      const port = createHubSpotPort(losing.api, { retryBaseMs: 1, objectTypeIds: hs.objectTypeIds });

      const written = await port.writeDisposition({ leadId: contactId, plan });
      expect(losing.lost()).toBe(true);

      expect(written).toMatchObject({ ok: true, data: { created: true } });
      await expectWhole(contactId, plan, notesBefore);
      const again = await port.writeDisposition({ leadId: contactId, plan });
      expect(again).toMatchObject({ ok: true, data: { created: false } });
      expect(await notesOn(contactId)).toBe(notesBefore + 1);
    },
  );
});

/** A disposition record as the adapter's first step writes it, pending, as an interrupted writer leaves it. */
async function pendingRecord(contactId: string, plan: DispositionPlan): Promise<string> {
  const d = plan.disposition;
  const p = ACTIVITY_PROPERTIES;
  const labels = await hs.client.crm.associations.v4.schema.definitionsApi.getAll(
    CUSTOM_OBJECTS.activity,
    'contacts',
  );
  const toContact = labels.results.find((t) => t.category === 'USER_DEFINED' && !t.label);
  const record = await hs.client.crm.objects.basicApi.create(CUSTOM_OBJECTS.activity, {
    properties: {
      [p.externalId]: plan.idempotencyKey,
      [p.kind]: 'disposition',
      [p.activityType]: d.outcome,
      [p.occurredAt]: d.at,
      [p.contactId]: contactId,
      [p.outcome]: d.outcome,
      [p.reasonCode]: d.reasonCode,
      [p.reasonLabel]: d.reasonLabel,
      [p.notes]: d.notes,
      [p.submissionId]: d.submissionId,
      [p.writePending]: 'true',
    },
    associations: [
      {
        to: { id: contactId },
        types: [{ associationCategory: 'USER_DEFINED', associationTypeId: toContact?.typeId ?? 0 }],
      },
    ],
  } as never);
  return record.id;
}

/** A port whose clock runs `aheadMs` past the emulator's (frozen at NOW_MS) and whose waits are recorded (and run `during`). */
function portWithClock(aheadMs: number, during: () => Promise<void> = async () => {}) {
  const waits: number[] = [];
  const port = createHubSpotPort(
    hubSpotApi({ accessToken: hs.emulator.token, basePath: hs.basePath }),
    { retryBaseMs: 1, objectTypeIds: hs.objectTypeIds, now: () => NOW_MS + aheadMs },
    {
      sleep: async (ms) => {
        waits.push(ms);
        await during();
      },
    },
  );
  return { port, waits };
}

const markComplete = (id: string) =>
  hs.client.crm.objects.basicApi.update(CUSTOM_OBJECTS.activity, id, {
    properties: { [ACTIVITY_PROPERTIES.writePending]: 'false' },
  });

describe('writeDisposition meeting a pending record', () => {
  it('resumes at once a record an interrupted run left pending over a minute ago, and answers created true', async () => {
    const contactId = await freshContact('sql');
    const plan = planFor(ACCEPT, contactId, 'sql');
    const notesBefore = await notesOn(contactId);
    const id = await pendingRecord(contactId, plan);
    const { port, waits } = portWithClock(61_000);

    const written = await port.writeDisposition({ leadId: contactId, plan });

    expect(written).toEqual({ ok: true, data: { id, created: true } });
    expect(waits).toEqual([]);
    await expectWhole(contactId, plan, notesBefore);
  });

  it.each([
    ['finishes while this call waits', false, 0, true],
    ['never finishes (its writer died)', true, 1, false],
  ])(
    'when the key check finds a record pending since moments ago and its writer %s, answers created %s and adds %i notes',
    async (_, created, notesAdded, holderFinishes) => {
      const contactId = await freshContact('sql');
      const plan = planFor({ ...ACCEPT, submissionId: `lately-${String(holderFinishes)}` }, contactId, 'sql');
      const notesBefore = await notesOn(contactId);
      const id = await pendingRecord(contactId, plan);
      const { port, waits } = portWithClock(0, async () => {
        if (holderFinishes) await markComplete(id);
      });

      const written = await port.writeDisposition({ leadId: contactId, plan });

      expect(written).toEqual({ ok: true, data: { id, created } });
      expect(waits.length).toBeGreaterThan(0);
      expect(await notesOn(contactId)).toBe(notesBefore + notesAdded);
      expect(await dispositionRecords(plan.idempotencyKey)).toHaveLength(1);
    },
  );

  /** The real API, except the key check misses the record (it is written between the check and the create). */
  const racing = (): HubSpotApi => {
    const real = hubSpotApi({ accessToken: hs.emulator.token, basePath: hs.basePath });
    let checked = false;
    return {
      ...real,
      batchRead: async (type, ids, properties, idProperty) => {
        if (!checked && type === activityType()) {
          checked = true;
          return { results: [] };
        }
        return real.batchRead(type, ids, properties, idProperty);
      },
    };
  };

  it.each([
    ['finishes while this call waits', false, 0, true],
    ['never finishes (its writer died)', true, 1, false],
  ])(
    'after a 409 on the key, when the other writer %s, answers created %s and adds %i notes',
    async (_, created, notesAdded, holderFinishes) => {
      const contactId = await freshContact('sql');
      const plan = planFor({ ...ACCEPT, submissionId: `race-${String(holderFinishes)}` }, contactId, 'sql');
      const notesBefore = await notesOn(contactId);
      const id = await pendingRecord(contactId, plan);
      const waits: number[] = [];
      const port = createHubSpotPort(
        racing(),
        { retryBaseMs: 1 },
        {
          sleep: async (ms) => {
            waits.push(ms);
            if (holderFinishes)
              await hs.client.crm.objects.basicApi.update(CUSTOM_OBJECTS.activity, id, {
                properties: { [ACTIVITY_PROPERTIES.writePending]: 'false' },
              });
          },
        },
      );

      const written = await port.writeDisposition({ leadId: contactId, plan });

      expect(written).toEqual({ ok: true, data: { id, created } });
      expect(waits.length).toBeGreaterThan(0);
      expect(await notesOn(contactId)).toBe(notesBefore + notesAdded);
      expect(await dispositionRecords(plan.idempotencyKey)).toHaveLength(1);
    },
  );
});

describe('createEscalationTask meeting a pending ledger entry', () => {
  /** The ledger entry a task write starts with, pending, and (when `withTask`) the task its writer went on to create. */
  async function pendingTask(
    key: string,
    withTask: boolean,
  ): Promise<{ ledgerId: string; taskId: string | null }> {
    const p = ACTIVITY_PROPERTIES;
    const ledger = await hs.client.crm.objects.basicApi.create(CUSTOM_OBJECTS.activity, {
      properties: {
        [p.externalId]: key,
        [p.kind]: 'task',
        [p.activityType]: 'escalation',
        [p.occurredAt]: new Date(NOW_MS).toISOString(),
        [p.writePending]: 'true',
      },
      associations: [],
    } as never);
    if (!withTask) return { ledgerId: ledger.id, taskId: null };
    const task = await hs.client.crm.objects.tasks.basicApi.create({
      properties: {
        [HUBSPOT_PROPERTIES.task.subject]: 'SLA reminder',
        [HUBSPOT_PROPERTIES.task.timestamp]: new Date(NOW_MS).toISOString(),
        [TASK_PROPERTIES.idempotencyKey]: key,
      },
      associations: [],
    } as never);
    return { ledgerId: ledger.id, taskId: task.id };
  }

  const tasksWithKey = async (key: string) =>
    (
      await hs.client.crm.objects.tasks.searchApi.doSearch({
        filterGroups: [
          { filters: [{ propertyName: TASK_PROPERTIES.idempotencyKey, operator: 'EQ', value: key }] },
        ],
        properties: [TASK_PROPERTIES.idempotencyKey],
        sorts: [],
        limit: 10,
      } as never)
    ).results.map((t) => t.id);

  async function escalation(key: string) {
    const contactId = await freshContact('mql');
    return {
      leadId: contactId,
      assigneeId: '80000001',
      policyId: 'sql-first-touch',
      level: 1,
      action: 'remind_owner',
      subject: 'SLA reminder',
      body: 'First touch is overdue',
      dueAt: new Date(NOW_MS).toISOString(),
      idempotencyKey: key,
    };
  }

  it.each<[string, number, boolean, boolean, boolean]>([
    [
      'a writer that died over a minute ago after creating the task: finds that task, writes none',
      61_000,
      true,
      false,
      true,
    ],
    ['a writer that died over a minute ago before creating the task: writes it', 61_000, false, false, true],
    [
      'a writer at work moments ago that finishes while this call waits: answers its task',
      0,
      true,
      true,
      false,
    ],
  ])('%s', async (scenario, aheadMs, withTask, holderFinishes, created) => {
    const key = `pending-task:${scenario.length}:${aheadMs}:${String(withTask)}`;
    const command = await escalation(key);
    const { ledgerId, taskId } = await pendingTask(key, withTask);
    const { port, waits } = portWithClock(aheadMs, async () => {
      if (holderFinishes)
        await hs.client.crm.objects.basicApi.update(CUSTOM_OBJECTS.activity, ledgerId, {
          properties: {
            [ACTIVITY_PROPERTIES.taskId]: taskId ?? '',
            [ACTIVITY_PROPERTIES.writePending]: 'false',
          },
        });
    });

    const result = await port.createEscalationTask(command);

    const tasks = await tasksWithKey(key);
    expect(tasks).toHaveLength(1);
    expect(result).toEqual({ ok: true, data: { id: tasks[0], created } });
    if (taskId !== null) expect(tasks[0]).toBe(taskId);
    expect(waits.length > 0).toBe(aheadMs === 0);
    const ledger = await hs.client.crm.objects.basicApi.getById(CUSTOM_OBJECTS.activity, ledgerId, [
      ACTIVITY_PROPERTIES.writePending,
      ACTIVITY_PROPERTIES.taskId,
    ]);
    expect(ledger.properties).toMatchObject({
      [ACTIVITY_PROPERTIES.writePending]: 'false',
      [ACTIVITY_PROPERTIES.taskId]: tasks[0],
    });
  });
});

describe('the contact’s SLA fields after a disposition', () => {
  const EARLIER_TOUCH = new Date(NOW_MS - 3_600_000).toISOString();

  it.each([
    [
      'an accept of a lead nobody has touched sets the first touch to the SLA stop',
      'sql',
      ACCEPT,
      null,
      'stop',
    ],
    ['an accept of a lead touched already keeps its first touch', 'sql', ACCEPT, EARLIER_TOUCH, 'kept'],
    [
      'a recycle clears the first touch and restarts the stage clock',
      'mql',
      RECYCLE,
      EARLIER_TOUCH,
      'restart',
    ],
  ] as const)('%s', async (_, stage, submission, firstTouchBefore, expected) => {
    const contactId = await freshContact(stage);
    await hs.client.crm.contacts.basicApi.update(contactId, {
      properties: { [CONTACT_PROPERTIES.firstTouchAt]: firstTouchBefore ?? '' },
    });
    const plan = planFor(submission, contactId, stage);

    expect(await crm.writeDisposition({ leadId: contactId, plan })).toMatchObject({ ok: true });

    const after = await contactProps(contactId);
    if (expected === 'restart') {
      if (!plan.sla.restart) throw new Error('a recycle restarts an SLA in the default playbook');
      expect(after).toMatchObject({ firstTouchAt: null, stageEnteredAt: plan.sla.restart.triggeredAt });
    } else {
      expect(plan.sla.stop.policyIds.length).toBeGreaterThan(0);
      expect(after.stageEnteredAt).toBe(plan.fields.handoffDispositionAt);
      expect(after.firstTouchAt).toBe(expected === 'stop' ? plan.sla.stop.at : EARLIER_TOUCH);
    }
  });
});

describe('unknown and malformed ids', () => {
  const UNKNOWN = '987654321';

  it.each([
    [
      'recording a content share',
      async (port: CrmPort) => {
        const asset = await hs.idOf(CUSTOM_OBJECTS.contentAsset, hs.seed.assets[0]?.id ?? '');
        return port.recordContentShare({
          leadId: UNKNOWN,
          dealId: null,
          assetId: asset,
          channel: 'email',
          sharedBy: 'rep',
          buyerStage: null,
          at: new Date(NOW_MS).toISOString(),
          idempotencyKey: 'share:unknown-lead',
        });
      },
      CUSTOM_OBJECTS.activity,
    ],
    [
      'creating an escalation task',
      async (port: CrmPort) => {
        const owner = (await hs.client.crm.owners.ownersApi.getPage()).results[0]?.id ?? '';
        return port.createEscalationTask({
          leadId: UNKNOWN,
          assigneeId: owner,
          policyId: 'mql-disposition',
          level: 1,
          action: 'remind_owner',
          subject: 'x',
          body: 'x',
          dueAt: new Date(NOW_MS).toISOString(),
          idempotencyKey: 'escalation:unknown-lead',
        });
      },
      'tasks',
    ],
  ])('answers NOT_FOUND to %s for a lead no contact has, writing nothing', async (_, write, type) => {
    const before = await hs.count(type);
    const result = await write(crm);
    expect(result.ok ? 'ok' : result.error.code).toBe('NOT_FOUND');
    expect(await hs.count(type)).toBe(before);
  });

  const stubCounting = () => {
    const calls: string[] = [];
    const api = new Proxy({} as HubSpotApi, {
      get: (_, name: string) => async () => {
        calls.push(name);
        throw new Error(`${name} should not have been called`);
      },
    });
    return { calls, port: createHubSpotPort(api, { maxRetries: 0 }) };
  };
  const plan = () => planFor(ACCEPT, '1', 'sql');
  const at = new Date(NOW_MS).toISOString();
  const METHODS: readonly (readonly [string, (port: CrmPort, id: string) => Promise<{ ok: boolean }>])[] = [
    ['reading a lead context', (port, id) => port.getLeadHandoffContext(id)],
    ['reading a deal context', (port, id) => port.getDealAttributionContext(id)],
    ['writing a disposition', (port, id) => port.writeDisposition({ leadId: id, plan: plan() })],
    [
      'recording a share',
      (port, id) =>
        port.recordContentShare({
          leadId: '1',
          dealId: id,
          assetId: '2',
          channel: 'email',
          sharedBy: 'rep',
          buyerStage: null,
          at,
          idempotencyKey: 'k',
        }),
    ],
    [
      'creating an escalation task',
      (port, id) =>
        port.createEscalationTask({
          leadId: id,
          assigneeId: '3',
          policyId: 'p',
          level: 1,
          action: 'a',
          subject: 's',
          body: 'b',
          dueAt: at,
          idempotencyKey: 'k',
        }),
    ],
  ];
  const IDS = ['', ' 12', 'abc', '1/../../owners', '12?archived=true', '-1'];

  it.each(METHODS.flatMap(([what, call]) => IDS.map((id) => [what, JSON.stringify(id), id, call] as const)))(
    'answers INVALID to %s with the id %s before calling HubSpot',
    async (_, _shown, id, call) => {
      const { calls, port } = stubCounting();
      const result = await call(port, id);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID' } });
      expect(calls).toEqual([]);
    },
  );
});
