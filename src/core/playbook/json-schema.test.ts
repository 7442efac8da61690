import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { playbookJsonSchema } from './json-schema';

describe('playbookJsonSchema', () => {
  it('matches playbooks/playbook.schema.json, which editors read (regenerate: npx handoff schema > playbooks/playbook.schema.json)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../../playbooks/playbook.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(playbookJsonSchema())));
  });

  it('describes every top-level section of the playbook', () => {
    const schema = playbookJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'stages',
        'icp',
        'engagement',
        'calendars',
        'slaPolicies',
        'dispositions',
        'content',
        'attribution',
      ]),
    );
  });
});
