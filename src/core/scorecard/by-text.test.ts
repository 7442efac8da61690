import { describe, expect, it } from 'vitest';
import { byText } from './by-text';

describe('byText', () => {
  it.each([
    ['puts upper case before lower case, as code units do', ['b', 'B', 'a'], ['B', 'a', 'b']],
    ['keeps prefixes first', ['webinar-2', 'webinar'], ['webinar', 'webinar-2']],
    ['leaves equal strings together', ['x', 'y', 'x'], ['x', 'x', 'y']],
  ])('%s', (_name, input, expected) => {
    expect([...input].sort(byText)).toEqual(expected);
  });
});
