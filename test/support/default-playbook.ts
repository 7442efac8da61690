// The default playbook for tests, read the way the product reads it (YAML, then the zod contract).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parsePlaybook } from '../../src/core/playbook/parse-playbook';
import type { Playbook } from '../../src/core/playbook/schema';

const PATH = new URL('../../playbooks/default.yaml', import.meta.url);
let cached: Playbook | undefined;

/**
 * The default playbook's YAML as plain data, not yet validated and a fresh copy on every call, for tests that edit
 * it before validating.
 */
export function defaultPlaybookSource(): Record<string, unknown> {
  return parse(readFileSync(PATH, 'utf8')) as Record<string, unknown>;
}

/** The default playbook, validated (read once per test file); an invalid one fails the file that asks for it. */
export function defaultPlaybook(): Playbook {
  if (cached !== undefined) return cached;
  const parsed = parsePlaybook(defaultPlaybookSource());
  if (!parsed.ok) throw new Error(`the default playbook is invalid: ${parsed.error.message}`);
  cached = parsed.data;
  return cached;
}
