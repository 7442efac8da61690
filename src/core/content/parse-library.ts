import * as z from 'zod';
import type { Playbook } from '../playbook/schema';
import { err, ok, type FieldIssue, type Result } from '../shared/result';
import { formatPath, zodIssues } from '../shared/zod-issues';
import { AssetSchema, type Asset } from './library-schema';
import { contentTaxonomy, unknownId } from './taxonomy';

const FileShape = z.object({ assets: z.array(z.unknown()) }).strict();

/**
 * Validates a library file against the schema and the playbook's content taxonomy; every bad field is reported.
 * @example parseLibrary({ assets: [{ …, format: 'pdf' }] }, playbook) // → issue at 'assets[0].format'
 */
export function parseLibrary(
  input: unknown,
  playbook: Playbook,
): Result<readonly Asset[], 'INVALID_LIBRARY'> {
  const file = FileShape.safeParse(input);
  if (!file.success) {
    return err('INVALID_LIBRARY', 'the content library does not match the schema', zodIssues(file.error));
  }
  const taxonomy = contentTaxonomy(playbook);
  const issues: FieldIssue[] = [];
  const add = (path: PropertyKey[], message: string) => issues.push({ path: formatPath(path), message });
  const seen = new Set<string>();
  const assets: Asset[] = [];
  file.data.assets.forEach((raw, i) => {
    const at = (...rest: PropertyKey[]) => ['assets', i, ...rest];
    // Each asset is parsed on its own, so one malformed asset does not hide the taxonomy problems of the others.
    const parsed = AssetSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) add(at(...issue.path), issue.message);
      return;
    }
    const asset = parsed.data;
    assets.push(asset);
    if (seen.has(asset.id)) add(at('id'), `duplicate asset id "${asset.id}"`);
    seen.add(asset.id);
    if (!taxonomy.formats.has(asset.format))
      add(at('format'), unknownId('format', asset.format, taxonomy.formats));
    const facets = [
      ['buyerStages', 'buyer stage', taxonomy.buyerStages],
      ['useCases', 'use case', taxonomy.useCases],
      ['objectionTypes', 'objection type', taxonomy.objections],
    ] as const;
    for (const [key, what, known] of facets) {
      asset[key].forEach((value, j) => {
        if (!known.has(value)) add(at(key, j), unknownId(what, value, known));
      });
    }
    if (Date.parse(asset.updatedAt) < Date.parse(asset.createdAt)) {
      add(at('updatedAt'), 'updated before it was created');
    }
  });
  if (issues.length > 0) return err('INVALID_LIBRARY', 'the content library is not valid', issues);
  return ok(assets);
}
