import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Result } from '../../core/shared/result';
import { readTextFile, type ReadErrorCode } from '../io/read-data-file';

/**
 * Reads the Chart.js UMD build that the HTML report inlines, so the page draws its charts offline. The package's
 * exports hide `dist/`, so the file is found next to its resolved main entry.
 */
export function readChartLibrary(): Result<string, ReadErrorCode> {
  const main = createRequire(import.meta.url).resolve('chart.js');
  return readTextFile(join(dirname(main), 'chart.umd.js'));
}
