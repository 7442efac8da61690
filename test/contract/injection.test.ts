// Injection tests: SOQL metacharacters, LIKE wildcards and HTML in every field a rep or marketer controls, through
// both adapters. Each value must be stored and read back verbatim as data; HubSpot's HTML bodies must carry it
// escaped; and no query may break or widen (a widened idempotency check would answer created: false).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileContentRequest } from '../../src/core/content/file-content-request';
import { disposition } from '../../src/core/disposition/disposition';
import type { Playbook } from '../../src/core/playbook/schema';
import { compileCalendar } from '../../src/core/sla/business-calendar';
import type { SeedData } from '../../src/crm/emulator/types';
import { CUSTOM_OBJECTS } from '../../src/crm/hubspot/schema-names';
import type { WriteOutcome } from '../../src/crm/port';
import {
  NOW,
  NOW_MS,
  hubspotAll,
  soqlAll,
  soqlString,
  useCrmHarness,
  type CrmHarness,
  type CrmUnderTest,
} from './crm-harness';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/hostile-text.json', import.meta.url), 'utf8'),
) as {
  payloads: Record<string, string>;
};
const PAYLOADS = Object.entries(fixture.payloads);
/** Ids shaped to break a SOQL literal, a HubSpot path or a search. */
const HOSTILE_IDS = [...PAYLOADS, ['pathTraversal', '1/../../owners'], ['emptyString', '']] as const;

/** The first leads become open MQLs without dispositions: one per payload, so every write starts from the same state. */
function openMqls(seed: SeedData): SeedData {
  return {
    ...seed,
    leads: seed.leads.map((l, i) =>
      i < 40 ? { ...l, stage: 'mql', handoffStatus: 'open', firstTouchAt: null } : l,
    ),
    dispositions: seed.dispositions.filter((d) => Number(d.leadId.slice(-5)) > 40),
  };
}

let harness: CrmHarness;

useCrmHarness((started) => (harness = started), { tweak: openMqls });

const data = <T>(
  result: { ok: true; data: T } | { ok: false; error: { code: string; message: string } },
): T => {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
};

/** The default playbook with one reason's label replaced, as a marketer editing the playbook could. */
function playbookWithLabel(label: string): Playbook {
  const playbook = structuredClone(harness.playbook) as {
    dispositions: { reasonCodes: { id: string; label: string }[] };
  };
  const reason = playbook.dispositions.reasonCodes.find((r) => r.id === 'reject_other');
  if (!reason) throw new Error('the default playbook has no reject_other');
  reason.label = label;
  return playbook as unknown as Playbook;
}

/** The text of an HTML body: tags dropped, entities decoded once, whitespace collapsed. */
function htmlText(html: string): string {
  return collapse(
    html
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&'),
  );
}

const collapse = (text: string): string => text.replace(/[\s\u2028\u2029]+/g, ' ').trim();

/** Markup that would run or load something if a user's text got through unescaped. */
const ACTIVE_MARKUP = /<\s*(script|img|iframe|svg|object|embed|b)\b|<[^>]*\son\w+\s*=/i;

async function hubspotProps(objectType: string, id: string, properties: readonly string[]) {
  const record = await harness.hubspotClient.crm.objects.basicApi.getById(objectType, id, [...properties]);
  return record.properties;
}

async function salesforceRow(object: string, id: string, fields: readonly string[]) {
  const rows = await soqlAll<Record<string, unknown>>(
    harness.salesforceConnection,
    `SELECT ${fields.join(', ')} FROM ${object} WHERE Id = ${soqlString(id)}`,
  );
  return rows[0] ?? {};
}

/** HubSpot notes on a contact, newest id last. */
async function hubspotNoteBodies(contactId: string): Promise<string[]> {
  const notes = await hubspotAll(
    harness.hubspotClient,
    'notes',
    ['hs_note_body'],
    [{ propertyName: 'associations.contact', operator: 'EQ', value: contactId }],
  );
  return notes.map((n) => n.properties['hs_note_body'] ?? '');
}

describe.each([
  ['HubSpot', 'hubspot'],
  ['Salesforce', 'salesforce'],
] as const)('the %s adapter with hostile text', (_label, crm) => {
  const sut = (): CrmUnderTest => harness.get(crm);

  it.each(PAYLOADS.map(([name, text], i) => [name, text, i] as const))(
    'stores disposition notes and the reason label of %s verbatim and reads them back as data',
    async (_name, text, i) => {
      const seedLeadId = harness.seed.leads[i]?.id ?? '';
      const leadId = sut().ids.lead(seedLeadId);
      const context = data(await sut().port.getLeadHandoffContext(leadId));
      const notes = `Rep wrote: ${text} (end of note)`;
      const planned = data(
        disposition(
          { submissionId: `injection-${i}`, outcome: 'reject', reasonCode: 'reject_other', notes },
          { recordId: context.lead.id, stage: 'mql', appliedKeys: [...context.appliedDispositionKeys] },
          playbookWithLabel(text),
          NOW_MS,
        ),
      );
      if (planned.alreadyApplied) throw new Error('unreachable');
      expect(planned.disposition.reasonLabel).toBe(text);

      const written = data(await sut().port.writeDisposition({ leadId, plan: planned }));
      expect(written.created).toBe(true);
      const stored = data(await sut().port.getLeadHandoffContext(leadId)).dispositions[0];
      expect(stored?.notes).toBe(notes.trim());
      // Soft: a lost label is a parity gap the contract suite reports; the checks below must still run.
      expect.soft(stored?.reasonLabel).toBe(text);

      if (crm === 'hubspot') {
        const [record] = await hubspotAll(
          harness.hubspotClient,
          CUSTOM_OBJECTS.activity,
          ['handoff_notes'],
          [{ propertyName: 'handoff_external_id', operator: 'EQ', value: planned.idempotencyKey }],
        );
        expect(record?.properties['handoff_notes']).toBe(notes.trim());
        const bodies = await hubspotNoteBodies(leadId);
        expect(bodies).toHaveLength(1);
        const body = bodies[0] ?? '';
        expect(body).not.toMatch(ACTIVE_MARKUP);
        expect(htmlText(body)).toContain(collapse(notes));
        expect(htmlText(body)).toContain(collapse(text));
      } else {
        const [record] = await soqlAll<{ Notes__c: string }>(
          harness.salesforceConnection,
          `SELECT Notes__c FROM Lead_Disposition__c WHERE Idempotency_Key__c = ${soqlString(planned.idempotencyKey)}`,
        );
        expect(record?.Notes__c).toBe(notes.trim());
        // Salesforce keeps the timeline note as a Task on the record it wrote (a converted lead's Contact).
        const noteTasks = await soqlAll<{ Description: string }>(
          harness.salesforceConnection,
          `SELECT Description FROM Task WHERE WhoId = ${soqlString(context.lead.id)} AND Handoff_Kind__c = 'note'`,
        );
        expect(noteTasks).toHaveLength(1);
        expect(noteTasks[0]?.Description).toContain(notes.trim());
        expect(noteTasks[0]?.Description).toContain(text);
      }
    },
  );

  it.each(PAYLOADS)(
    'records a share whose channel and idempotency key are %s once, without matching any other share',
    async (_name, text) => {
      const seedLeadId = harness.seed.leads[45]?.id ?? '';
      const library = data(await sut().port.listContentLibrary());
      const command = {
        leadId: sut().ids.lead(seedLeadId),
        dealId: null,
        assetId: library[0]?.id ?? '',
        channel: text,
        buyerStage: text,
        sharedBy: sut().ids.owner('owner-03'),
        at: NOW,
        idempotencyKey: `share:${text}`,
      };
      // A share with a plain key exists already, so a widened key check would find it.
      await sut().port.recordContentShare({ ...command, channel: 'email', idempotencyKey: 'share:baseline' });
      const first = data(await sut().port.recordContentShare(command));
      const again = data(await sut().port.recordContentShare(command));
      expect([first.created, again.created]).toEqual([true, false]);
      expect(again.id).toBe(first.id);
      const touches = data(await sut().port.getLeadHandoffContext(command.leadId)).touches;
      expect(touches.filter((t) => t.channel === text && t.buyerStage === text)).toHaveLength(1);
    },
  );

  it.each(PAYLOADS)(
    'files a content request whose title, details and id are %s, verbatim and once',
    async (_name, text) => {
      const calendars = new Map(harness.playbook.calendars.map((spec) => [spec.id, compileCalendar(spec)]));
      const request = data(
        fileContentRequest(
          {
            id: `cr:${text}`,
            buyerStage: 'decision',
            objection: 'price',
            dealIds: [],
            priority: 'standard',
            requestedBy: sut().ids.owner('owner-03'),
            requestedAt: NOW,
            title: `Title ${text}`,
            details: `Details ${text}`,
          },
          harness.playbook,
          (id) => calendars.get(id),
          NOW_MS,
        ),
      );
      const command = { request, assigneeId: sut().ids.owner('owner-09') };
      const first = data(await sut().port.fileContentRequest(command));
      const again = data(await sut().port.fileContentRequest(command));
      expect([first.created, again.created]).toEqual([true, false]);
      await expectTaskCarries(first, `Title ${text}`, `Details ${text}`);
    },
  );

  it.each(PAYLOADS)(
    'creates an escalation task whose subject, body and key are %s, verbatim and once',
    async (_name, text) => {
      const seedLeadId = harness.seed.leads[46]?.id ?? '';
      const command = {
        leadId: sut().ids.lead(seedLeadId),
        assigneeId: sut().ids.owner('owner-01'),
        policyId: 'mql-disposition',
        level: 1,
        action: 'remind_owner',
        subject: `Subject ${text}`,
        body: `Body ${text}`,
        dueAt: NOW,
        idempotencyKey: `escalation:${text}`,
      };
      await sut().port.createEscalationTask({ ...command, idempotencyKey: 'escalation:baseline' });
      const first = data(await sut().port.createEscalationTask(command));
      const again = data(await sut().port.createEscalationTask(command));
      expect([first.created, again.created]).toEqual([true, false]);
      await expectTaskCarries(first, `Subject ${text}`, `Body ${text}`);
    },
  );

  /** The task's subject holds the title verbatim; its body holds the details (HubSpot: escaped HTML). */
  async function expectTaskCarries(outcome: WriteOutcome, subject: string, body: string): Promise<void> {
    if (crm === 'hubspot') {
      const props = await hubspotProps('tasks', outcome.id, ['hs_task_subject', 'hs_task_body']);
      expect(props['hs_task_subject']).toContain(subject);
      const html = props['hs_task_body'] ?? '';
      expect(html).not.toMatch(ACTIVE_MARKUP);
      expect(htmlText(html)).toContain(collapse(body));
    } else {
      const row = await salesforceRow('Task', outcome.id, ['Subject', 'Description']);
      expect(String(row['Subject'])).toContain(subject);
      expect(String(row['Description'])).toContain(body);
    }
  }

  it.each(HOSTILE_IDS)(
    'answers a lead id shaped as %s with NOT_FOUND or INVALID, never another lead',
    async (_name, id) => {
      const result = await sut().port.getLeadHandoffContext(id);
      expect(result.ok ? 'ok' : result.error.code).toMatch(/^(NOT_FOUND|INVALID)$/);
    },
  );

  it.each(HOSTILE_IDS)(
    'answers a deal id shaped as %s with NOT_FOUND or INVALID, never another deal',
    async (_name, id) => {
      const result = await sut().port.getDealAttributionContext(id);
      expect(result.ok ? 'ok' : result.error.code).toMatch(/^(NOT_FOUND|INVALID)$/);
    },
  );

  it.each(PAYLOADS)(
    'finds no escalation candidates in a stage named %s (or calls it INVALID)',
    async (_name, text) => {
      const result = await sut().port.listEscalationCandidates({ stage: text, enteredBefore: NOW });
      if (result.ok) expect(result.data.items).toEqual([]);
      else expect(result.error.code).toBe('INVALID');
    },
  );

  it.each(PAYLOADS)(
    'rejects an escalation cursor shaped as %s as INVALID instead of widening the page',
    async (_name, text) => {
      const result = await sut().port.listEscalationCandidates({
        stage: 'mql',
        enteredBefore: NOW,
        cursor: text,
      });
      expect(result.ok ? 'ok' : result.error.code).toBe('INVALID');
    },
  );
});
