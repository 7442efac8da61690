import type { Properties } from './property-criterion';
import { readProperty } from './property-value';
import type { PropertyValue } from './record-schema';

/** Reads one fixed list of property names from each record; see `compilePropertyReader`. */
export type PropertyReader = (properties: Properties) => readonly (PropertyValue | undefined)[];

/**
 * Compiles a reader that returns `readProperty(properties, names[k])` for every k, as one array (scratch space,
 * valid until the next call). Reading a property by a name held in a variable costs two hash lookups (own? then
 * get); records of one export share their keys in one order, so the reader takes the record's own values with
 * Object.values and finds each name's position once per layout, comparing the key list with the previous one.
 * A name that is not an own enumerable key is read with readProperty, which also keeps inherited names unread.
 * @example compilePropertyReader(['industry', 'employees'])({ employees: 250, industry: 'Software' }) // → ['Software', 250]
 */
export function compilePropertyReader(names: readonly string[]): PropertyReader {
  const values: (PropertyValue | undefined)[] = names.map(() => undefined);
  let layout: readonly string[] = [];
  let positions: Int32Array = new Int32Array(names.length).fill(-1);
  return (properties) => {
    const keys = Object.keys(properties);
    if (!sameKeys(keys, layout)) {
      positions = new Int32Array(names.map((name) => keys.indexOf(name)));
      layout = keys;
    }
    // Same order as Object.keys: both list the own enumerable string keys in property order.
    const own = Object.values(properties) as (PropertyValue | undefined)[];
    for (let k = 0; k < names.length; k++) {
      const at = positions[k] as number;
      values[k] = at >= 0 ? own[at] : readProperty(properties, names[k] as string);
    }
    return values;
  };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
