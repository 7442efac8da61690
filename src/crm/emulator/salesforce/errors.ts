import type { EmulatorResponse } from '../types';

/** One error in Salesforce's REST shape: `[{ message, errorCode, fields? }]`. */
export interface SfErrorItem {
  readonly message: string;
  readonly errorCode: string;
  readonly fields?: readonly string[];
}

/**
 * A Salesforce API failure carried as a value until the router turns it into a response. A record that fails
 * validation on several fields is one SfError (the first problem) with the others in `more`, because Salesforce
 * reports every error of a record together.
 */
export class SfError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly fields: readonly string[] | undefined;
  readonly more: readonly SfError[];

  constructor(
    status: number,
    errorCode: string,
    message: string,
    fields?: readonly string[],
    more: readonly SfError[] = [],
  ) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.fields = fields;
    this.more = more;
  }

  /** This error and the others found in the same record, in the order they are reported. */
  all(): readonly SfError[] {
    return [this, ...this.more];
  }

  toItem(): SfErrorItem {
    return this.fields === undefined
      ? { message: this.message, errorCode: this.errorCode }
      : { message: this.message, errorCode: this.errorCode, fields: this.fields };
  }

  /** The error as it appears in sObject Collections results (`statusCode`, not `errorCode`). */
  toCollectionItem(): { statusCode: string; message: string; fields: readonly string[] } {
    return { statusCode: this.errorCode, message: this.message, fields: this.fields ?? [] };
  }
}

/** The problems of one record as one SfError (undefined when there are none). */
export function collected(problems: readonly SfError[]): SfError | undefined {
  const [first, ...rest] = problems;
  return first === undefined
    ? undefined
    : new SfError(first.status, first.errorCode, first.message, first.fields, rest);
}

export function errorResponse(error: SfError, headers?: Readonly<Record<string, string>>): EmulatorResponse {
  const body = error.all().map((e) => e.toItem());
  return headers === undefined ? { status: error.status, body } : { status: error.status, headers, body };
}

export const notFound = (message = 'The requested resource does not exist'): SfError =>
  new SfError(404, 'NOT_FOUND', message);

export const malformedQuery = (message: string): SfError => new SfError(400, 'MALFORMED_QUERY', message);

export const invalidField = (message: string, fields?: readonly string[]): SfError =>
  new SfError(400, 'INVALID_FIELD', message, fields);

/** SOQL's answer for an unknown sObject (REST paths answer 404 NOT_FOUND instead). */
export const invalidType = (objectName: string): SfError =>
  new SfError(
    400,
    'INVALID_TYPE',
    `sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to append ` +
      `the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

export const badRequest = (errorCode: string, message: string, fields?: readonly string[]): SfError =>
  new SfError(400, errorCode, message, fields);
