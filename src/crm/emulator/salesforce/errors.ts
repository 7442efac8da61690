import type { EmulatorResponse } from '../types';

/** One error in Salesforce's REST shape: `[{ message, errorCode, fields? }]`. */
export interface SfErrorItem {
  readonly message: string;
  readonly errorCode: string;
  readonly fields?: readonly string[];
}

/** A Salesforce API failure carried as a value until the router turns it into a response. */
export class SfError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly fields: readonly string[] | undefined;

  constructor(status: number, errorCode: string, message: string, fields?: readonly string[]) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.fields = fields;
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

export function errorResponse(error: SfError, headers?: Readonly<Record<string, string>>): EmulatorResponse {
  return headers === undefined
    ? { status: error.status, body: [error.toItem()] }
    : { status: error.status, headers, body: [error.toItem()] };
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
