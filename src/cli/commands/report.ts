import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseScorecardInput } from '../../core/scorecard/parse-scorecard-input';
import { scorecard } from '../../core/scorecard/scorecard';
import { CliExit, type CliIo } from '../io/cli-io';
import { orFail } from '../io/fail';
import { loadPlaybook } from '../io/load-playbook';
import { readDataFile } from '../io/read-data-file';
import { readChartLibrary } from '../report/chart-library';
import { renderHtml } from '../report/render-html';
import { renderText } from '../report/render-text';

interface ReportOptions {
  input: string;
  playbook?: string;
  json?: boolean;
  html?: string;
}

export function registerReport(program: Command, io: CliIo): void {
  program
    .command('report')
    .description(
      'the alignment scorecard of a period: targets pass/fail, funnel, SLAs, win rates, reason codes, content',
    )
    .requiredOption(
      '--input <file>',
      'report data (JSON or YAML): period, leads, deals, dispositions, touches, slaClocks…',
    )
    .option('--playbook <file>', 'playbook file (default: the built-in default playbook)')
    .option('--json', 'print the full scorecard as JSON')
    .option('--html <file>', 'write a self-contained HTML report with charts to this file')
    .action((options: ReportOptions) => {
      if (options.json === true && options.html !== undefined) {
        io.err('handoff: choose either --json or --html, not both');
        throw new CliExit(1);
      }
      const input = orFail(io, parseScorecardInput(orFail(io, readDataFile(options.input))));
      const playbook = orFail(
        io,
        options.playbook === undefined ? loadPlaybook() : loadPlaybook(options.playbook),
      );
      const card = orFail(io, scorecard(input, playbook));

      if (options.json === true) {
        io.out(JSON.stringify(card, null, 2));
        return;
      }
      if (options.html !== undefined) {
        const html = renderHtml(card, orFail(io, readChartLibrary()));
        try {
          writeFileSync(options.html, html, 'utf8');
        } catch (cause) {
          const code = (cause as NodeJS.ErrnoException).code ?? 'unknown error';
          io.err(`handoff: ${options.html}: cannot be written (${code})`);
          throw new CliExit(1);
        }
        const failed = card.targets.filter((t) => t.status === 'fail').length;
        io.out(`${options.html}: written — ${card.targets.length} targets, ${failed} failing`);
        return;
      }
      io.out(renderText(card));
    });
}
