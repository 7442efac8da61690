import { describe, expect, it } from 'vitest';
import { defaultPlaybook } from '../../test/support/default-playbook';
import type {
  CreateEscalationTaskCommand,
  CrmPort,
  CrmResult,
  EscalationCandidate,
  EscalationQuery,
  Owner,
  Page,
  WriteOutcome,
} from '../crm/port';
import type { Playbook } from '../core/playbook/schema';
import type { EscalationRouting } from '../core/sla/escalation-plan';
import { runEscalationSweep, type SweepProgress } from './escalation-sweep';

const playbook = defaultPlaybook();
// Thursday 12 March 2026, 11:00 in New York (us-east: 9–17 on weekdays).
const NOW_MS = Date.parse('2026-03-12T15:00:00Z');
const MONDAY_9AM = '2026-03-09T13:00:00.000Z';
const LAST_WEDNESDAY_9AM = '2026-03-04T14:00:00.000Z';

const lead = (id: string, patch: Partial<EscalationCandidate>): EscalationCandidate => ({
  leadId: id,
  name: `Lead ${id}`,
  ownerId: 'rep-1',
  managerId: 'mgr-1',
  stage: 'sql',
  handoffStatus: 'open',
  stageEnteredAt: MONDAY_9AM,
  firstTouchAt: null,
  latestDisposition: null,
  statusHistory: [],
  ...patch,
});

/** Leads whose clocks are 26 business hours old (50 for the recycled one) unless they say otherwise. */
const LEADS: readonly EscalationCandidate[] = [
  lead('sql-untouched', {}),
  lead('sql-touched', { firstTouchAt: '2026-03-09T15:00:00.000Z' }),
  lead('sql-no-owner', { ownerId: null, managerId: null }),
  lead('sql-waiting-since-monday-10am', {
    handoffStatus: 'waiting_on_prospect',
    statusHistory: [
      { at: MONDAY_9AM, status: 'open' },
      { at: '2026-03-09T14:00:00.000Z', status: 'waiting_on_prospect' },
    ],
  }),
  lead('sql-this-morning', { stageEnteredAt: '2026-03-12T13:30:00.000Z' }),
  lead('sql-two-months-ago', { stageEnteredAt: '2026-01-12T14:00:00.000Z' }),
  lead('mql-touched-not-dispositioned', { stage: 'mql', firstTouchAt: '2026-03-10T15:00:00.000Z' }),
  lead('mql-rejected', {
    stage: 'mql',
    handoffStatus: 'disqualified',
    firstTouchAt: '2026-03-10T15:00:00.000Z',
    latestDisposition: { outcome: 'reject', at: '2026-03-10T15:00:00.000Z' },
  }),
  lead('recycled', {
    stage: 'inquiry',
    ownerId: 'mkt-1',
    managerId: 'mkt-lead',
    handoffStatus: 'recycled',
    stageEnteredAt: LAST_WEDNESDAY_9AM,
    latestDisposition: { outcome: 'recycle', at: LAST_WEDNESDAY_9AM },
  }),
  lead('inquiry-never-recycled', { stage: 'inquiry', stageEnteredAt: LAST_WEDNESDAY_9AM }),
];

interface FakeCrm {
  readonly port: CrmPort;
  readonly queries: EscalationQuery[];
  readonly tasks: Map<string, CreateEscalationTaskCommand>;
  /** The emails the sweep asked the CRM about. */
  readonly lookups: string[];
}

/** A CRM port over a list of leads: it answers escalation queries as the adapters do, a page at a time. */
function fakeCrm(
  options: {
    readonly failRead?: boolean;
    readonly failWrite?: (command: CreateEscalationTaskCommand) => boolean;
    /** The CRM's users by email (any letter case finds them, as in both CRMs). */
    readonly users?: Readonly<Record<string, Owner>>;
    readonly failUserLookup?: boolean;
  } = {},
): FakeCrm {
  const queries: EscalationQuery[] = [];
  const lookups: string[] = [];
  const tasks = new Map<string, CreateEscalationTaskCommand>();
  const unused = () => Promise.reject(new Error('not used by the sweep'));
  const port: CrmPort = {
    crm: 'hubspot',
    getLeadHandoffContext: unused,
    getDealAttributionContext: unused,
    writeDisposition: unused,
    listContentLibrary: unused,
    getContentUsage: unused,
    recordContentShare: unused,
    fileContentRequest: unused,
    findOwnerByEmail: (email): Promise<CrmResult<Owner | null>> => {
      lookups.push(email);
      if (options.failUserLookup === true) {
        return Promise.resolve({
          ok: false,
          error: { code: 'FORBIDDEN', message: 'the token may not read users', issues: [] },
        });
      }
      return Promise.resolve({ ok: true, data: options.users?.[email.toLowerCase()] ?? null });
    },
    listEscalationCandidates: (query): Promise<CrmResult<Page<EscalationCandidate>>> => {
      queries.push(query);
      if (options.failRead === true) {
        return Promise.resolve({
          ok: false,
          error: { code: 'RATE_LIMITED', message: 'daily limit reached', issues: [] },
        });
      }
      const at = (text: string) => Date.parse(text);
      const matching = LEADS.filter(
        (l) =>
          l.stage === query.stage &&
          at(l.stageEnteredAt) <= at(query.enteredBefore) &&
          (query.enteredAfter === undefined || at(l.stageEnteredAt) >= at(query.enteredAfter)) &&
          (query.includeTouched === true || l.firstTouchAt === null),
      );
      const start = Number(query.cursor ?? 0);
      const size = query.pageSize ?? 100;
      const items = matching
        .slice(start, start + size)
        .map((l) => (query.withStatusHistory === true ? l : { ...l, statusHistory: [] }));
      const nextCursor = start + size < matching.length ? String(start + size) : null;
      return Promise.resolve({ ok: true, data: { items, nextCursor } });
    },
    createEscalationTask: (command): Promise<CrmResult<WriteOutcome>> => {
      if (options.failWrite?.(command) === true) {
        return Promise.resolve({
          ok: false,
          error: { code: 'FORBIDDEN', message: 'no access to tasks', issues: [] },
        });
      }
      const created = !tasks.has(command.idempotencyKey);
      if (created) tasks.set(command.idempotencyKey, command);
      return Promise.resolve({ ok: true, data: { id: `task-${command.idempotencyKey}`, created } });
    },
  };
  return { port, queries, tasks, lookups };
}

const sweep = async (crm: FakeCrm, patch: Partial<Parameters<typeof runEscalationSweep>[2]> = {}) => {
  const result = await runEscalationSweep(crm.port, playbook, { nowMs: NOW_MS, ...patch });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
};
const summary = (
  tasks: readonly { status: string; task: { leadId: string; level: number; action: string } }[],
) => tasks.map((t) => [t.task.leadId, t.task.level, t.task.action, t.status]);

describe('runEscalationSweep', () => {
  it('files one task per reached step: the untouched SQL, the touched but undispositioned MQL and the recycled lead', async () => {
    const crm = fakeCrm();
    const report = await sweep(crm);
    expect(summary(report.tasks)).toEqual([
      ['sql-untouched', 1, 'remind_owner', 'created'],
      ['mql-touched-not-dispositioned', 1, 'remind_owner', 'created'],
      ['recycled', 1, 'alert_owner', 'created'],
    ]);
    expect(report.tasks.map((t) => t.task.assigneeId)).toEqual(['rep-1', 'rep-1', 'mkt-1']);
    expect(crm.tasks.size).toBe(3);
  });

  it('credits the pause a waiting SQL’s status history shows: an hour of business time, no step reached', async () => {
    const report = await sweep(fakeCrm());
    expect(report.tasks.map((t) => t.task.leadId)).not.toContain('sql-waiting-since-monday-10am');
  });

  it('reads each scope the playbook calls for, touched leads only where a disposition stops the clock', async () => {
    const crm = fakeCrm();
    await sweep(crm, { lookbackMs: 7 * 86_400_000 });
    expect(
      crm.queries.map((q) => [
        q.stage,
        q.enteredBefore,
        q.enteredAfter,
        q.includeTouched,
        q.withStatusHistory,
      ]),
    ).toEqual([
      ['sql', '2026-03-11T15:00:00.000Z', '2026-03-05T15:00:00.000Z', false, true],
      ['mql', '2026-03-11T15:00:00.000Z', '2026-03-05T15:00:00.000Z', true, false],
      ['inquiry', '2026-03-10T15:00:00.000Z', '2026-03-05T15:00:00.000Z', false, false],
    ]);
  });

  it('files nothing twice: a second run finds every task already filed', async () => {
    const crm = fakeCrm();
    const first = await sweep(crm);
    const second = await sweep(crm);
    expect(second.tasks.map((t) => t.status)).toEqual(['already_filed', 'already_filed', 'already_filed']);
    expect(second.tasks.map((t) => (t.status === 'already_filed' ? t.id : null))).toEqual(
      first.tasks.map((t) => (t.status === 'created' ? t.id : null)),
    );
    expect(crm.tasks.size).toBe(3);
  });

  it('plans without writing on a dry run', async () => {
    const crm = fakeCrm();
    const report = await sweep(crm, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.tasks.map((t) => t.status)).toEqual(['planned', 'planned', 'planned']);
    expect(crm.tasks.size).toBe(0);
  });

  it('reports a step nobody can receive instead of filing it', async () => {
    const report = await sweep(fakeCrm());
    expect(report.unassigned).toEqual([
      {
        leadId: 'sql-no-owner',
        policyId: 'sql-first-touch',
        level: 1,
        action: 'remind_owner',
        reason: 'the lead has no owner',
      },
    ]);
  });

  it('sends marketing’s steps to the marketing owner when one is given, leaving sales’ steps with the rep', async () => {
    const report = await sweep(fakeCrm(), { routing: { marketing: { ownerId: 'nora', managerId: null } } });
    expect(report.tasks.map((t) => [t.task.leadId, t.task.assigneeId])).toEqual([
      ['sql-untouched', 'rep-1'],
      ['mql-touched-not-dispositioned', 'rep-1'],
      ['recycled', 'nora'],
    ]);
  });

  describe('with assignees named in the playbook', () => {
    const OPS: Owner = { id: 'ops-7', name: 'Rev Ops', email: 'revops@acme.test', managerId: 'ops-lead' };
    const naming = (emails: Readonly<Record<string, string>>): Playbook => ({
      ...playbook,
      slaPolicies: playbook.slaPolicies.map((p) =>
        emails[p.id] === undefined ? p : { ...p, escalateTo: { email: emails[p.id] ?? '' } },
      ),
    });
    const sweepWith = (crm: FakeCrm, book: Playbook, routing?: EscalationRouting) =>
      runEscalationSweep(crm.port, book, { nowMs: NOW_MS, ...(routing === undefined ? {} : { routing }) });

    it('sends each named policy’s steps to the CRM user with that email, looking each email up once', async () => {
      const crm = fakeCrm({ users: { 'revops@acme.test': OPS } });
      const book = naming({
        'recycled-lead-response': 'RevOps@Acme.test',
        'mql-disposition': 'revops@acme.test',
      });
      const result = await sweepWith(crm, book, { marketing: { ownerId: 'nora', managerId: null } });
      expect(result.ok && result.data.tasks.map((t) => [t.task.leadId, t.task.assigneeId])).toEqual([
        ['sql-untouched', 'rep-1'],
        ['mql-touched-not-dispositioned', 'ops-7'],
        ['recycled', 'ops-7'],
      ]);
      expect(crm.lookups).toEqual(['revops@acme.test']);
    });

    it('stops before reading any lead when the CRM has nobody with a named email, naming the playbook path', async () => {
      const crm = fakeCrm({ users: {} });
      const result = await sweepWith(crm, naming({ 'recycled-lead-response': 'gone@acme.test' }));
      expect(result.ok ? null : result.error).toEqual({
        code: 'INVALID',
        message: expect.stringContaining('slaPolicies[') as unknown,
        issues: [
          {
            path: `slaPolicies[${playbook.slaPolicies.findIndex((p) => p.id === 'recycled-lead-response')}].escalateTo.email`,
            message: 'no CRM user has the email gone@acme.test',
          },
        ],
      });
      expect(crm.queries).toEqual([]);
    });

    it('stops with the CRM’s error when it cannot look users up', async () => {
      const crm = fakeCrm({ failUserLookup: true });
      const result = await sweepWith(crm, naming({ 'recycled-lead-response': 'revops@acme.test' }));
      expect(result.ok ? 'ok' : result.error.code).toBe('FORBIDDEN');
      expect(crm.queries).toEqual([]);
    });

    it('asks the CRM nothing when the caller already resolved the policies’ assignees', async () => {
      const crm = fakeCrm({ users: { 'revops@acme.test': OPS } });
      const book = naming({ 'recycled-lead-response': 'revops@acme.test' });
      const result = await sweepWith(crm, book, {
        policies: { 'recycled-lead-response': { ownerId: 'x-1', managerId: null } },
      });
      expect(result.ok && result.data.tasks.at(-1)?.task.assigneeId).toBe('x-1');
      expect(crm.lookups).toEqual([]);
    });

    it('asks the CRM nothing when no policy names an assignee', async () => {
      const crm = fakeCrm();
      await sweep(crm);
      expect(crm.lookups).toEqual([]);
    });
  });

  it('reaches the manager once the ladder says so, 74 business hours in', async () => {
    const report = await sweep(fakeCrm(), { nowMs: Date.parse('2026-03-20T15:00:00Z') });
    const untouched = report.tasks.filter((t) => t.task.leadId === 'sql-untouched');
    expect(untouched.map((t) => [t.task.level, t.task.assigneeId])).toEqual([
      [1, 'rep-1'],
      [2, 'rep-1'],
      [3, 'mgr-1'],
    ]);
  });

  it('pages through every candidate, one at a time, each lead once', async () => {
    const crm = fakeCrm();
    const progress: SweepProgress[] = [];
    const report = await sweep(crm, { pageSize: 1, onProgress: (p) => progress.push(p) });
    expect(report.tasks).toHaveLength(3);
    expect(report.scanned).toBe(7);
    expect(crm.queries.filter((q) => q.cursor !== undefined).length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual({ scanned: 7, planned: 3, written: 3 });
  });

  it('reports a failed task write and still writes the others', async () => {
    const crm = fakeCrm({ failWrite: (c) => c.leadId === 'recycled' });
    const report = await sweep(crm);
    expect(summary(report.tasks).map((t) => t[3])).toEqual(['created', 'created', 'failed']);
    const failed = report.tasks.find((t) => t.status === 'failed');
    expect(failed?.status === 'failed' && failed.error.code).toBe('FORBIDDEN');
    expect(crm.tasks.size).toBe(2);
  });

  it('stops with the CRM’s error when a read fails, writing nothing', async () => {
    const crm = fakeCrm({ failRead: true });
    const result = await runEscalationSweep(crm.port, playbook, { nowMs: NOW_MS });
    expect(result.ok ? 'ok' : result.error.code).toBe('RATE_LIMITED');
    expect(crm.tasks.size).toBe(0);
  });

  it('keeps no more task writes in flight than asked', async () => {
    const crm = fakeCrm();
    let inFlight = 0;
    let most = 0;
    const slow: CrmPort = {
      ...crm.port,
      createEscalationTask: async (command) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return crm.port.createEscalationTask(command);
      },
    };
    const result = await runEscalationSweep(slow, playbook, {
      nowMs: Date.parse('2026-03-20T15:00:00Z'),
      concurrency: 2,
    });
    expect(result.ok && result.data.tasks.length).toBeGreaterThan(2);
    expect(most).toBe(2);
  });
});
