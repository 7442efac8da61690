// The dependency rule: the pure core knows nothing of CRMs, UIs, HTTP or the disk.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment:
        'src/core may import only zod, the time-zone library and itself: no platform SDK and no Node I/O.',
      severity: 'error',
      from: { path: '^src/core' },
      to: {
        pathNot: ['^src/core', '(^|/)node_modules/(zod|@date-fns/tz)/'],
      },
    },
    {
      name: 'core-no-node-builtins',
      comment: 'The core runs in browsers and LWCs: no Node built-ins (fs, http, crypto, process...).',
      severity: 'error',
      from: { path: '^src/core' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
    // Resolve package "exports" as Node and bundlers do (csv-parse/sync, zod/v4, …).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
