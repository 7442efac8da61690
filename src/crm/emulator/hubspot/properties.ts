import type { PropertyDefinition } from '../../hubspot/schema-names';
import { HubSpotError, type HubSpotErrorDetail } from './errors';
import type { HubSpotStore, ObjectRow, ObjectTypeInfo, StoredProperty } from './store';

/** Properties HubSpot computes: readable and searchable, never writable through the API. */
export const READ_ONLY_PROPERTIES = new Set([
  'hs_object_id',
  'createdate',
  'hs_createdate',
  'lastmodifieddate',
  'hs_lastmodifieddate',
]);

/** Properties every object has (HubSpot-defined, computed from the record). */
const SYSTEM_PROPERTIES: PropertyDefinition[] = [
  { name: 'hs_object_id', label: 'Record ID', type: 'number', fieldType: 'number', groupName: 'system' },
  { name: 'createdate', label: 'Create date', type: 'datetime', fieldType: 'date', groupName: 'system' },
  { name: 'hs_createdate', label: 'Create date', type: 'datetime', fieldType: 'date', groupName: 'system' },
  {
    name: 'lastmodifieddate',
    label: 'Last modified',
    type: 'datetime',
    fieldType: 'date',
    groupName: 'system',
  },
  {
    name: 'hs_lastmodifieddate',
    label: 'Last modified',
    type: 'datetime',
    fieldType: 'date',
    groupName: 'system',
  },
  { name: 'hubspot_owner_id', label: 'Owner', type: 'enumeration', fieldType: 'select', groupName: 'system' },
];

const s = (name: string, label: string, groupName: string): PropertyDefinition => ({
  name,
  label,
  type: 'string',
  fieldType: 'text',
  groupName,
});
const n = (name: string, label: string, groupName: string): PropertyDefinition => ({
  name,
  label,
  type: 'number',
  fieldType: 'number',
  groupName,
});
const d = (name: string, label: string, groupName: string): PropertyDefinition => ({
  name,
  label,
  type: 'datetime',
  fieldType: 'date',
  groupName,
});
const e = (name: string, label: string, groupName: string, values: string[]): PropertyDefinition => ({
  name,
  label,
  type: 'enumeration',
  fieldType: 'select',
  groupName,
  options: values.map((value, displayOrder) => ({ label: value, value, displayOrder, hidden: false })),
});

/** The HubSpot-defined properties the emulator knows per standard object (a subset of a real portal's). */
export const BUILTIN_PROPERTIES: Readonly<Record<string, readonly PropertyDefinition[]>> = {
  '0-1': [
    s('firstname', 'First name', 'contactinformation'),
    s('lastname', 'Last name', 'contactinformation'),
    s('email', 'Email', 'contactinformation'),
    s('company', 'Company name', 'contactinformation'),
    s('jobtitle', 'Job title', 'contactinformation'),
    e('hs_seniority', 'Seniority', 'contactinformation', [
      'c_level',
      'vp',
      'director',
      'head',
      'manager',
      'individual_contributor',
      'entry',
    ]),
    s('industry', 'Industry', 'contactinformation'),
    n('annualrevenue', 'Annual revenue', 'contactinformation'),
    s('country', 'Country/Region', 'contactinformation'),
    s('phone', 'Phone number', 'contactinformation'),
    e('hs_lead_status', 'Lead status', 'sales_properties', [
      'NEW',
      'OPEN',
      'IN_PROGRESS',
      'OPEN_DEAL',
      'UNQUALIFIED',
      'ATTEMPTED_TO_CONTACT',
      'CONNECTED',
      'BAD_TIMING',
    ]),
    e('lifecyclestage', 'Lifecycle stage', 'contactinformation', [
      'subscriber',
      'lead',
      'marketingqualifiedlead',
      'salesqualifiedlead',
      'opportunity',
      'customer',
      'evangelist',
      'other',
    ]),
  ],
  '0-2': [
    s('name', 'Company name', 'companyinformation'),
    s('domain', 'Company domain', 'companyinformation'),
  ],
  '0-3': [
    s('dealname', 'Deal name', 'dealinformation'),
    n('amount', 'Amount', 'dealinformation'),
    s('dealstage', 'Deal stage', 'dealinformation'),
    s('pipeline', 'Pipeline', 'dealinformation'),
    d('closedate', 'Close date', 'dealinformation'),
    { ...s('hs_is_closed', 'Is closed', 'dealinformation'), type: 'bool', fieldType: 'booleancheckbox' },
    {
      ...s('hs_is_closed_won', 'Is closed won', 'dealinformation'),
      type: 'bool',
      fieldType: 'booleancheckbox',
    },
  ],
  '0-27': [
    s('hs_task_subject', 'Task title', 'task'),
    { ...s('hs_task_body', 'Task notes', 'task'), fieldType: 'textarea' },
    e('hs_task_status', 'Task status', 'task', [
      'NOT_STARTED',
      'IN_PROGRESS',
      'WAITING',
      'COMPLETED',
      'DEFERRED',
    ]),
    e('hs_task_priority', 'Priority', 'task', ['NONE', 'LOW', 'MEDIUM', 'HIGH']),
    e('hs_task_type', 'Task type', 'task', ['TODO', 'CALL', 'EMAIL', 'LINKED_IN', 'MEETING']),
    d('hs_timestamp', 'Due date', 'task'),
  ],
  '0-46': [
    { ...s('hs_note_body', 'Note body', 'note'), fieldType: 'textarea' },
    d('hs_timestamp', 'Activity date', 'note'),
  ],
};

/** The groups builtin properties use, per standard object. */
export function builtinGroups(typeId: string): string[] {
  const names = new Set(['system', ...(BUILTIN_PROPERTIES[typeId] ?? []).map((p) => p.groupName)]);
  return [...names];
}

export function systemProperties(): readonly PropertyDefinition[] {
  return SYSTEM_PROPERTIES;
}

/** A definition as the API accepts it (any HubSpot type and field type). */
export type PropertyInput = Omit<PropertyDefinition, 'type' | 'fieldType'> & {
  readonly type: string;
  readonly fieldType: string;
};

/** A property as the properties API returns it, from a definition. */
export function toStoredProperty(
  def: PropertyInput,
  nowIso: string,
  hubspotDefined: boolean,
  displayOrder = -1,
): StoredProperty {
  return {
    name: def.name,
    label: def.label,
    type: def.type,
    fieldType: def.fieldType,
    groupName: def.groupName,
    description: def.description ?? '',
    options: (def.options ?? []).map((o) => ({ ...o })),
    displayOrder,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: def.hasUniqueValue ?? false,
    hidden: false,
    formField: !hubspotDefined,
    ...(hubspotDefined ? { hubspotDefined: true } : {}),
    modificationMetadata: {
      archivable: !hubspotDefined,
      readOnlyDefinition: hubspotDefined,
      readOnlyValue: READ_ONLY_PROPERTIES.has(def.name),
    },
    createdAt: nowIso,
    updatedAt: nowIso,
    archived: false,
  };
}

/** Default properties returned when a read names none (HubSpot's defaults, plus the system timestamps). */
export function defaultPropertyNames(type: ObjectTypeInfo): string[] {
  const system = ['hs_object_id', 'createdate', 'lastmodifieddate', 'hs_lastmodifieddate'];
  if (type.objectTypeId === '0-1') return [...system, 'email', 'firstname', 'lastname'];
  if (type.objectTypeId === '0-3')
    return [...system, 'amount', 'closedate', 'dealname', 'dealstage', 'pipeline'];
  return [...system, 'hs_createdate'];
}

/** A property's value on a record, as HubSpot returns it (always a string) or null. */
export function propertyValue(row: ObjectRow, name: string): string | null {
  switch (name) {
    case 'hs_object_id':
      return String(row.id);
    case 'createdate':
    case 'hs_createdate':
      return new Date(row.createdAt).toISOString();
    case 'lastmodifieddate':
    case 'hs_lastmodifieddate':
      return new Date(row.updatedAt).toISOString();
    default:
      return row.props[name] ?? null;
  }
}

const detail = (name: string, code: string, message: string): HubSpotErrorDetail => ({
  message,
  code,
  context: { propertyName: [name] },
});

function parseInstant(raw: string): number | undefined {
  if (/^-?\d+$/.test(raw)) return Number(raw);
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

/** One value as HubSpot stores it, or an error detail. */
function normaliseValue(prop: StoredProperty, input: unknown): string | HubSpotErrorDetail {
  const raw = typeof input === 'string' ? input.trim() : String(input);
  switch (prop.type) {
    case 'number':
      return raw !== '' && Number.isFinite(Number(raw))
        ? raw
        : detail(prop.name, 'INVALID_FLOAT', `${raw} was not a valid number.`);
    case 'datetime': {
      const ms = parseInstant(raw);
      return ms === undefined
        ? detail(prop.name, 'INVALID_DATE', `${raw} was not a valid long or ISO-8601 date-time.`)
        : new Date(ms).toISOString();
    }
    case 'date': {
      const ms = parseInstant(raw);
      return ms === undefined
        ? detail(prop.name, 'INVALID_DATE', `${raw} was not a valid date.`)
        : new Date(ms).toISOString().slice(0, 10);
    }
    case 'bool':
      return /^(true|false)$/i.test(raw)
        ? raw.toLowerCase()
        : detail(prop.name, 'INVALID_BOOLEAN', `${raw} was not a valid boolean.`);
    case 'enumeration': {
      if (prop.options.length === 0) return raw;
      const allowed = new Set(prop.options.map((o) => o.value));
      const bad = raw.split(';').filter((v) => !allowed.has(v));
      return bad.length === 0
        ? raw
        : detail(
            prop.name,
            'INVALID_OPTION',
            `${bad.join(';')} was not one of the allowed options: ${[...allowed].map((v) => `<option>${v}</option>`).join(', ')}`,
          );
    }
    default:
      return typeof input === 'string' ? input : raw;
  }
}

/**
 * Checks property values for a write and returns them as HubSpot stores them (`null` clears a value).
 * Throws HubSpot's 400 VALIDATION_ERROR for unknown, read-only or malformed values.
 */
export function normaliseWrite(
  store: HubSpotStore,
  type: ObjectTypeInfo,
  input: Readonly<Record<string, unknown>>,
): Record<string, string | null> {
  const known = store.properties(type.objectTypeId);
  const out: Record<string, string | null> = {};
  const problems: HubSpotErrorDetail[] = [];
  for (const [name, value] of Object.entries(input)) {
    const prop = known.get(name);
    if (!prop || prop.archived) {
      problems.push(detail(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`));
      continue;
    }
    if (READ_ONLY_PROPERTIES.has(name)) {
      problems.push(
        detail(name, 'READ_ONLY_VALUE', `"${name}" is a read only property; its value cannot be set.`),
      );
      continue;
    }
    if (value === null || value === undefined || value === '') {
      out[name] = null;
      continue;
    }
    const normalised = normaliseValue(prop, value);
    if (typeof normalised === 'string') out[name] = normalised;
    else problems.push(normalised);
  }
  if (problems.length > 0) {
    const summary = problems.map((p) => ({
      isValid: false,
      message: p.message,
      error: p.code,
      name: p.context?.['propertyName']?.[0],
    }));
    throw new HubSpotError(
      400,
      'VALIDATION_ERROR',
      `Property values were not valid: ${JSON.stringify(summary)}`,
      problems,
    );
  }
  return out;
}

/** Applies normalised values to a record's stored properties. */
export function applyValues(
  current: Readonly<Record<string, string>>,
  values: Readonly<Record<string, string | null>>,
): Record<string, string> {
  const merged = { ...current, ...values };
  return Object.fromEntries(
    Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== null),
  );
}
