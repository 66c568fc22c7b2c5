/** Data, parameter and export problems found while running a model, reported as `MODEL: problem: fix`. */
import { DataError } from '../data/errors';
import { ExportError } from '../export/export-error';
import { ParameterLoadError } from '../model/bridge';
import { MissingDataError } from '../training/model-data';
import { CliError } from './cli-error';

/** `work` (running, or to run now) with its model problems as one line naming `file`. */
export async function forModel<T>(file: string, work: Promise<T> | (() => T)): Promise<T> {
  try {
    return await (typeof work === 'function' ? work() : work);
  } catch (error) {
    if (error instanceof MissingDataError) throw new CliError(`${file}: ${error.message}, or pass --data SRC`);
    if (error instanceof DataError || error instanceof ParameterLoadError || error instanceof ExportError || error instanceof RangeError) {
      throw new CliError(`${file}: ${error.message}`);
    }
    throw error;
  }
}
