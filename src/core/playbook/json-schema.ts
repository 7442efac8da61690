import * as z from 'zod';
import { PlaybookSchema } from './schema';

/**
 * The playbook's JSON Schema (draft 2020-12), describing the file an admin writes.
 * @example playbookJsonSchema().properties.stages // → { type: 'array', … }
 */
export function playbookJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PlaybookSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return { ...schema, title: 'Handoff playbook', $id: 'https://handoff.dev/schemas/playbook-v1.json' };
}
