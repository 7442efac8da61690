// `npm run bench [-- name…]`: runs every bench/*.bench.ts (or the named ones) and writes BENCHMARKS.md. A section's
// hand-written notes (history a rerun cannot measure, such as a before/after of code that is gone) live in
// bench/notes/<name>.md and are appended to its section on every run.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

const sections: string[] = [];
for (const file of files) {
  console.error(`bench: ${file}`);
  const mod = (await import(pathToFileURL(`${dir}${file}`).href)) as { run: () => Promise<string> };
  const notes = `${dir}notes/${file.replace(/\.bench\.ts$/, '.md')}`;
  const measured = (await mod.run()).trim();
  sections.push(existsSync(notes) ? `${measured}\n\n${readFileSync(notes, 'utf8').trim()}` : measured);
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const header = [
  '# Benchmarks',
  '',
  'Regenerate with `npm run bench` (print one section: `npm run bench -- sla`). Numbers are medians of repeated runs',
  'measured side by side in one process; the machine is shared, so read ratios rather than absolute values.',
  '',
  `- Measured: ${new Date().toISOString().slice(0, 10)}`,
  `- Node ${process.version} on ${process.platform}/${process.arch}`,
  `- Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
].join('\n');

const out = `${header}\n\n${sections.join('\n\n')}\n`;
// A filtered run prints its sections only, so BENCHMARKS.md always holds one complete run.
if (only.length === 0) writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), out);
console.log(out);
