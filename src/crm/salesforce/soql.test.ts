import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactFields, LeadFields, PersonFields, SObjects, SystemFields } from './schema-names';
import {
  and,
  buildCount,
  buildSelect,
  dateTime,
  eq,
  gt,
  idLiteral,
  isIn,
  like,
  likeContains,
  likePrefix,
  nil,
  not,
  num,
  or,
  parseSalesforceId,
  text,
  type Condition,
} from './soql';
import { startHarness, type SalesforceHarness } from './test-emulator';

const hostile = JSON.parse(
  readFileSync(new URL('./fixtures/injection-values.json', import.meta.url), 'utf8'),
) as [string, string][];

const where = (condition: Condition): string => {
  const built = buildSelect({ fields: [SystemFields.id], from: SObjects.lead, where: condition });
  if (!built.ok) throw new Error(built.error.message);
  return built.data.slice('SELECT Id FROM Lead WHERE '.length);
};

describe('literals', () => {
  it.each([
    ['a plain word', text('Acme'), "Name = 'Acme'"],
    ['a single quote', text("O'Brien"), "Name = 'O\\'Brien'"],
    ['a backslash', text('a\\b'), "Name = 'a\\\\b'"],
    ['a double quote', text('say "hi"'), 'Name = \'say \\"hi\\"\''],
    ['a newline, a return and a tab', text('a\nb\rc\td'), "Name = 'a\\nb\\rc\\td'"],
    ['a quote that tries to close the literal', text("x' OR Name != 'y"), "Name = 'x\\' OR Name != \\'y'"],
    ['unicode', text('Zoë 山田 🚀'), "Name = 'Zoë 山田 🚀'"],
    ['a number', num(42.5), 'Name = 42.5'],
    ['null', nil, 'Name = null'],
    [
      'a datetime, at second precision',
      dateTime(Date.UTC(2026, 11, 3, 15, 0, 0, 750)),
      'Name = 2026-12-03T15:00:00Z',
    ],
  ])('renders %s as data', (_name, literal, expected) => {
    expect(where(eq(LeadFields.name, literal))).toBe(expected);
  });

  it.each([
    [
      'percent and underscore are matched literally inside a contains pattern',
      likeContains('100%_x'),
      "Name LIKE '%100\\%\\_x%'",
    ],
    ['a prefix pattern escapes quotes and backslashes too', likePrefix("O'B\\"), "Name LIKE 'O\\'B\\\\%'"],
    [
      'a backslash before the closing wildcard stays a backslash',
      likeContains('end\\'),
      "Name LIKE '%end\\\\%'",
    ],
  ])('%s', (_name, pattern, expected) => {
    expect(where(like(LeadFields.name, pattern))).toBe(expected);
  });

  it.each([
    ['a NUL character', text('a\u0000b')],
    ['a bell character', text('ring\u0007')],
    ['an infinite number', num(Number.POSITIVE_INFINITY)],
    ['LIKE with plain text instead of a pattern', text('%')],
  ])('refuses to build a query with %s', (_name, literal) => {
    const condition =
      literal.kind === 'text' && literal.value === '%'
        ? like(LeadFields.name, literal)
        : eq(LeadFields.name, literal);
    const built = buildSelect({ fields: [SystemFields.id], from: SObjects.lead, where: condition });
    expect(built.ok ? 'ok' : built.error.code).toBe('INVALID');
  });
});

describe('statements', () => {
  it('parenthesises every part of AND and OR so they combine as written', () => {
    const lead = parseSalesforceId('00Q5g0000000002EAA');
    if (!lead.ok) throw new Error('fixture id');
    expect(
      where(
        and(
          eq(PersonFields.stage, text('mql')),
          or(gt(PersonFields.stageEnteredAt, nil), not(eq(SystemFields.id, idLiteral(lead.data)))),
        ),
      ),
    ).toBe(
      "(Handoff_Stage__c = 'mql') AND ((Handoff_Stage_Entered_At__c > null) OR (NOT (Id = '00Q5g0000000002EAA')))",
    );
  });

  it('renders child subqueries, ORDER BY and LIMIT', () => {
    const built = buildSelect({
      fields: [SystemFields.id],
      children: [
        {
          relationship: 'Content_Touches__r',
          fields: [SystemFields.id],
          orderBy: [{ field: SystemFields.id, direction: 'DESC' }],
          limit: 5,
        },
      ],
      from: SObjects.contact,
      where: isIn(ContactFields.lastName, [text('a'), text('b')]),
      orderBy: [{ field: SystemFields.createdDate, nulls: 'LAST' }],
      limit: 10,
    });
    expect(built.ok && built.data).toBe(
      "SELECT Id, (SELECT Id FROM Content_Touches__r ORDER BY Id DESC LIMIT 5) FROM Contact WHERE LastName IN ('a', 'b') ORDER BY CreatedDate NULLS LAST LIMIT 10",
    );
    expect(buildCount(SObjects.lead)).toEqual({ ok: true, data: 'SELECT COUNT() FROM Lead' });
  });

  it.each([
    ['a field name with a space', { fields: ['Id FROM User --'], from: SObjects.lead }],
    ['an object name with a quote', { fields: ['Id'], from: "Lead'" }],
    ['an empty IN list', { fields: ['Id'], from: SObjects.lead, where: isIn('Id', []) }],
    ['a LIMIT of zero', { fields: ['Id'], from: SObjects.lead, limit: 0 }],
  ])('answers INVALID for %s', (_name, query) => {
    const built = buildSelect(query);
    expect(built.ok ? 'ok' : built.error.code).toBe('INVALID');
  });
});

describe('parseSalesforceId', () => {
  it.each([
    ['an 18-character id', '00Q5g0000000002EAA', undefined, '00Q5g0000000002EAA'],
    ['a 15-character id, widened to 18', '00Q5g0000000002', undefined, '00Q5g0000000002EAA'],
    ['an id of an expected prefix', '0035g0000000001AAA', ['003'], '0035g0000000001AAA'],
    ['an id with a bad checksum', '00Q5g0000000002EAB', undefined, 'INVALID'],
    ['an 18-character id in another letter case', '00q5g0000000002eaa', undefined, '00Q5g0000000002EAA'],
    ['an id of another object', '0035g0000000001AAA', ['00Q'], 'INVALID'],
    ['an id with a quote', "00Q5g000000000'", undefined, 'INVALID'],
    ['an id with a trailing newline', '00Q5g0000000002EAA\n', undefined, 'INVALID'],
    ['an empty string', '', undefined, 'INVALID'],
  ])('reads %s', (_name, input, prefixes, expected) => {
    const parsed = parseSalesforceId(input, prefixes);
    expect(parsed.ok ? parsed.data : parsed.error.code).toBe(expected);
  });
});

describe('injection attempts against the emulator', () => {
  let h: SalesforceHarness;
  beforeAll(async () => {
    h = await startHarness();
    const rows = hostile.map(([, value], i) => ({
      [PersonFields.externalId]: `hostile-${i}`,
      [LeadFields.lastName]: value,
      [LeadFields.company]: 'Injection Co',
      [PersonFields.stage]: value,
      [PersonFields.stageEnteredAt]: '2026-12-01T09:00:00Z',
    }));
    const created = await h.adapter.bulkUpsert(SObjects.lead, PersonFields.externalId, rows);
    if (!created.ok || created.data.failed.length > 0) throw new Error(JSON.stringify(created));
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(hostile)('matches exactly the one lead named with %s', async (_name, value) => {
    const soql = buildSelect({
      fields: [LeadFields.lastName],
      from: SObjects.lead,
      where: eq(LeadFields.lastName, text(value)),
    });
    if (!soql.ok) throw new Error(soql.error.message);
    const result = await h.jsforce.query<Record<string, string>>(soql.data);
    expect(result.records.map((r) => r[LeadFields.lastName])).toEqual([value]);
  });

  it.each(hostile)(
    'finds only the lead whose name contains %s when it is used in LIKE',
    async (_name, value) => {
      const soql = buildSelect({
        fields: [LeadFields.lastName],
        from: SObjects.lead,
        where: like(LeadFields.lastName, likeContains(value)),
      });
      if (!soql.ok) throw new Error(soql.error.message);
      const result = await h.jsforce.query<Record<string, string>>(soql.data);
      expect(result.records.map((r) => r[LeadFields.lastName])).toEqual([value]);
    },
  );

  it.each(hostile)('treats %s as a stage name in the escalation sweep', async (_name, value) => {
    const page = await h.adapter.listEscalationCandidates({
      stage: value,
      enteredBefore: '2027-01-01T00:00:00Z',
    });
    expect(page.ok && page.data.items.map((c) => c.stage)).toEqual([value]);
  });

  it('matches LIKE wildcards literally: "100%" does not match every name', async () => {
    const soql = buildSelect({
      fields: [LeadFields.lastName],
      from: SObjects.lead,
      where: like(LeadFields.lastName, likePrefix('Percent_')),
    });
    if (!soql.ok) throw new Error(soql.error.message);
    const result = await h.jsforce.query<Record<string, string>>(soql.data);
    expect(result.records.map((r) => r[LeadFields.lastName])).toEqual(['Percent_100%']);
  });
});
