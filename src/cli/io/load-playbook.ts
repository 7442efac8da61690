import { fileURLToPath } from 'node:url';
import { parsePlaybook } from '../../core/playbook/parse-playbook';
import type { Playbook } from '../../core/playbook/schema';
import { err, type Result } from '../../core/shared/result';
import { readDataFile } from './read-data-file';

/** The default playbook shipped with Handoff (encodes the playbook in the domain guide). */
export const DEFAULT_PLAYBOOK_PATH = fileURLToPath(
  new URL('../../../playbooks/default.yaml', import.meta.url),
);

/** Reads and validates a playbook file; no path means the default playbook. */
export function loadPlaybook(path: string = DEFAULT_PLAYBOOK_PATH): Result<Playbook> {
  const data = readDataFile(path);
  if (!data.ok) return data;
  const playbook = parsePlaybook(data.data);
  if (!playbook.ok)
    return err(playbook.error.code, `${path}: ${playbook.error.message}`, playbook.error.issues);
  return playbook;
}
