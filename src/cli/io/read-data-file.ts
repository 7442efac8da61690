import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { err, ok, type Result } from '../../core/shared/result';

export type ReadErrorCode = 'FILE_NOT_FOUND' | 'FILE_EMPTY' | 'FILE_UNREADABLE' | 'FILE_NOT_PARSEABLE';

/**
 * Reads a JSON or YAML file (by extension; `.json` must be JSON, anything else is parsed as YAML, a superset of JSON)
 * and returns its value, or one clear sentence saying why it could not.
 */
export function readDataFile(path: string): Result<unknown, ReadErrorCode> {
  let text: string;
  try {
    if (statSync(path).isDirectory()) return err('FILE_UNREADABLE', `${path}: is a folder, not a file`);
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err('FILE_NOT_FOUND', `${path}: no such file`);
    return err('FILE_UNREADABLE', `${path}: cannot be read (${code ?? 'unknown error'})`);
  }
  if (text.trim() === '') return err('FILE_EMPTY', `${path}: the file is empty`);
  const isJson = extname(path).toLowerCase() === '.json';
  try {
    return ok(isJson ? (JSON.parse(text) as unknown) : (parseYaml(text) as unknown));
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    return err('FILE_NOT_PARSEABLE', `${path}: not valid ${isJson ? 'JSON' : 'YAML or JSON'} (${detail})`);
  }
}

/** Reads a text file whole, with the same clear failures as readDataFile. */
export function readTextFile(path: string): Result<string, ReadErrorCode> {
  try {
    if (statSync(path).isDirectory()) return err('FILE_UNREADABLE', `${path}: is a folder, not a file`);
    const text = readFileSync(path, 'utf8');
    if (text.trim() === '') return err('FILE_EMPTY', `${path}: the file is empty`);
    return ok(text);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err('FILE_NOT_FOUND', `${path}: no such file`);
    return err('FILE_UNREADABLE', `${path}: cannot be read (${code ?? 'unknown error'})`);
  }
}
