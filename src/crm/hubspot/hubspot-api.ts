import { Client } from '@hubspot/api-client';

// The narrow list of @hubspot/api-client calls Handoff makes (as salto lists the jsforce calls it uses): the adapter
// and `handoff hubspot setup` see only this, every answer comes back `unknown` and is parsed with zod by the caller.

/** An association written together with a new record: HubSpot's `{ to: { id }, types: [...] }`. */
export interface AssociationInput {
  readonly toId: string;
  readonly associationCategory: 'HUBSPOT_DEFINED' | 'USER_DEFINED';
  readonly associationTypeId: number;
}

export interface SearchRequest {
  readonly filterGroups: readonly { readonly filters: readonly Readonly<Record<string, unknown>>[] }[];
  readonly sorts: readonly {
    readonly propertyName: string;
    readonly direction: 'ASCENDING' | 'DESCENDING';
  }[];
  readonly properties: readonly string[];
  readonly limit: number;
  readonly after?: string;
}

export interface HubSpotApi {
  getObject(
    type: string,
    id: string,
    properties: readonly string[],
    associations: readonly string[],
    /** Properties whose every past value is returned too, newest first (`propertiesWithHistory`). */
    propertiesWithHistory?: readonly string[],
  ): Promise<unknown>;
  batchRead(
    type: string,
    ids: readonly string[],
    properties: readonly string[],
    idProperty?: string,
    propertiesWithHistory?: readonly string[],
  ): Promise<unknown>;
  search(type: string, request: SearchRequest): Promise<unknown>;
  listObjects(
    type: string,
    properties: readonly string[],
    associations: readonly string[],
    after: string | undefined,
  ): Promise<unknown>;
  createObject(
    type: string,
    properties: Readonly<Record<string, string>>,
    associations: readonly AssociationInput[],
  ): Promise<unknown>;
  updateObject(type: string, id: string, properties: Readonly<Record<string, string>>): Promise<unknown>;
  createNote(
    properties: Readonly<Record<string, string>>,
    associations: readonly AssociationInput[],
  ): Promise<unknown>;
  createTask(
    properties: Readonly<Record<string, string>>,
    associations: readonly AssociationInput[],
  ): Promise<unknown>;
  /** v4: the records of `toType` associated with one record, a page at a time. */
  getAssociations(fromType: string, id: string, toType: string, after: string | undefined): Promise<unknown>;
  /** Owners a page at a time; with `email`, only the owners who have it. */
  listOwners(after: string | undefined, email?: string): Promise<unknown>;
  getOwner(ownerId: string): Promise<unknown>;
  /** v4: the association types between two object types (`{ category, typeId, label }`). */
  getAssociationLabels(fromType: string, toType: string): Promise<unknown>;
  listGroups(type: string): Promise<unknown>;
  createGroup(type: string, group: { name: string; label: string }): Promise<unknown>;
  updateGroup(type: string, name: string, patch: { label: string }): Promise<unknown>;
  listProperties(type: string): Promise<unknown>;
  createProperty(type: string, definition: Readonly<Record<string, unknown>>): Promise<unknown>;
  updateProperty(type: string, name: string, definition: Readonly<Record<string, unknown>>): Promise<unknown>;
  listSchemas(): Promise<unknown>;
  createSchema(definition: Readonly<Record<string, unknown>>): Promise<unknown>;
  updateSchema(objectType: string, patch: Readonly<Record<string, unknown>>): Promise<unknown>;
  createSchemaAssociation(
    objectType: string,
    fromObjectTypeId: string,
    toObjectTypeId: string,
  ): Promise<unknown>;
}

/** The client's typings want enum members and model classes; the wire format is these plain values. */
type Wire = never;

const toAssociations = (list: readonly AssociationInput[]): Wire =>
  list.map((a) => ({
    to: { id: a.toId },
    types: [{ associationCategory: a.associationCategory, associationTypeId: a.associationTypeId }],
  })) as Wire;

/**
 * The real client behind the narrow interface. Retries are left to `withRetry` (the client's own decorator waits
 * 10 s × attempt on the rolling limit and ignores Retry-After), so `numberOfApiCallRetries` is 0.
 * @example const api = hubSpotApi({ accessToken: process.env.HUBSPOT_ACCESS_TOKEN ?? '', basePath: 'http://127.0.0.1:5170/hubspot' })
 */
export function hubSpotApi(options: {
  readonly accessToken: string;
  readonly basePath?: string;
}): HubSpotApi {
  const client = new Client({
    accessToken: options.accessToken,
    ...(options.basePath !== undefined ? { basePath: options.basePath } : {}),
    numberOfApiCallRetries: 0,
  });
  const crm = client.crm;
  return {
    getObject: (type, id, properties, associations, propertiesWithHistory) =>
      crm.objects.basicApi.getById(
        type,
        id,
        [...properties],
        propertiesWithHistory === undefined || propertiesWithHistory.length === 0
          ? undefined
          : [...propertiesWithHistory],
        [...associations],
      ),
    batchRead: (type, ids, properties, idProperty, propertiesWithHistory) =>
      crm.objects.batchApi.read(type, {
        inputs: ids.map((id) => ({ id })),
        properties: [...properties],
        propertiesWithHistory: [...(propertiesWithHistory ?? [])],
        ...(idProperty !== undefined ? { idProperty } : {}),
      }),
    search: (type, request) => crm.objects.searchApi.doSearch(type, request as Wire),
    listObjects: (type, properties, associations, after) =>
      crm.objects.basicApi.getPage(type, 100, after, [...properties], undefined, [...associations]),
    createObject: (type, properties, associations) =>
      crm.objects.basicApi.create(type, {
        properties: { ...properties },
        associations: toAssociations(associations),
      }),
    updateObject: (type, id, properties) =>
      crm.objects.basicApi.update(type, id, { properties: { ...properties } }),
    createNote: (properties, associations) =>
      crm.objects.notes.basicApi.create({
        properties: { ...properties },
        associations: toAssociations(associations),
      }),
    createTask: (properties, associations) =>
      crm.objects.tasks.basicApi.create({
        properties: { ...properties },
        associations: toAssociations(associations),
      }),
    getAssociations: (fromType, id, toType, after) =>
      crm.associations.v4.basicApi.getPage(fromType, id, toType, after, 500),
    listOwners: (after, email) => crm.owners.ownersApi.getPage(email, after, 500),
    getOwner: (ownerId) => crm.owners.ownersApi.getById(Number(ownerId), 'id'),
    getAssociationLabels: (fromType, toType) =>
      crm.associations.v4.schema.definitionsApi.getAll(fromType, toType),
    listGroups: (type) => crm.properties.groupsApi.getAll(type),
    createGroup: (type, group) => crm.properties.groupsApi.create(type, group),
    updateGroup: (type, name, patch) => crm.properties.groupsApi.update(type, name, patch),
    listProperties: (type) => crm.properties.coreApi.getAll(type),
    createProperty: (type, definition) => crm.properties.coreApi.create(type, definition as Wire),
    updateProperty: (type, name, definition) => crm.properties.coreApi.update(type, name, definition as Wire),
    listSchemas: () => crm.schemas.coreApi.getAll(),
    createSchema: (definition) => crm.schemas.coreApi.create(definition as Wire),
    updateSchema: (objectType, patch) => crm.schemas.coreApi.update(objectType, patch as Wire),
    createSchemaAssociation: (objectType, fromObjectTypeId, toObjectTypeId) =>
      crm.schemas.coreApi.createAssociation(objectType, { fromObjectTypeId, toObjectTypeId }),
  };
}
