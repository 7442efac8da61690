import { describe, expect, it } from 'vitest';
import { runHandoff as run, scratchFiles } from '../test-support';

const { dir, file } = scratchFiles('handoff-validate-');

describe('handoff validate', () => {
  it('validates the default playbook when no file is given', async () => {
    const r = await run('validate');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid — 4 stages, 5 SLA policies');
  });

  it('prints every problem with its path and exits 1', async () => {
    const bad = file(
      'bad.json',
      JSON.stringify({ version: 1, name: 'x', stages: [], calendars: [], slaPolicies: [{ id: 'a' }] }),
    );
    const r = await run('validate', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stages: Too small');
    expect(r.stderr).toContain('slaPolicies[0].label:');
  });

  it('accepts a JSON playbook as well as YAML', async () => {
    const { parse } = await import('yaml');
    const { readFileSync } = await import('node:fs');
    const yamlText = readFileSync(new URL('../../../playbooks/default.yaml', import.meta.url), 'utf8');
    const r = await run('validate', file('copy.json', JSON.stringify(parse(yamlText))));
    expect(r.code).toBe(0);
  });

  it.each([
    ['a missing file', () => '/no/such/playbook.yaml', 'no such file'],
    ['an empty file', () => file('empty.yaml', ''), 'the file is empty'],
    ['a file that is not YAML', () => file('broken.yaml', 'stages: [unclosed'), 'not valid YAML or JSON'],
    ['a folder', () => dir, 'is a folder, not a file'],
  ])('prints one clear line for %s', async (_name, path, message) => {
    const r = await run('validate', path());
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });
});

describe('handoff schema', () => {
  it('prints a JSON Schema an editor can use', async () => {
    const r = await run('schema');
    const schema = JSON.parse(r.stdout) as {
      $schema: string;
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(schema.$schema).toContain('json-schema.org');
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['stages', 'calendars', 'slaPolicies', 'dispositions', 'content']),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'stages', 'calendars']));
  });
});
