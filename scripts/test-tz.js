// Re-runs the time-sensitive suites under zones with odd offsets and DST rules, so no result depends on the machine's zone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const zones = ['America/Santiago', 'Asia/Kolkata', 'Australia/Eucla'];
const suites = ['src/core/sla', 'src/core/time', 'src/core/qualification', 'src/core/disposition'].filter(
  existsSync,
);

for (const zone of zones) {
  console.log(`\n== TZ=${zone}`);
  const run = spawnSync('npx', ['vitest', 'run', ...suites], {
    stdio: 'inherit',
    env: { ...process.env, TZ: zone },
  });
  if (run.status !== 0) {
    console.error(`time-zone run failed under TZ=${zone}`);
    process.exit(run.status ?? 1);
  }
}
