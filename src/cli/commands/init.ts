/** `nnjson init [--template NAME] FILE`: a new untrained model from a template; never overwrites a file. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isBuiltinSource } from '../../data/builtin';
import { writeModel } from '../../model/writer';
import { isTemplateName, MODEL_TEMPLATES, modelFromTemplate, TEMPLATE_NAMES } from '../../model/templates';
import { expectPositionals, parseArgs, stringFlag, UsageError } from '../args';
import { CliError } from '../cli-error';
import type { CommandIo } from '../io';
import { writeAtomic } from '../write-file';

export const INIT_USAGE = `nnjson init [--template ${TEMPLATE_NAMES.join('|')}] FILE`;

export function initCommand(argv: readonly string[], io: CommandIo): number {
  const args = parseArgs(argv, 'init', { template: { value: true } });
  const [file] = expectPositionals(args, INIT_USAGE, 1);
  const template = stringFlag(args, 'template') ?? 'blank';
  if (!isTemplateName(template)) {
    throw new UsageError(`nnjson init: unknown template "${template}": use one of ${TEMPLATE_NAMES.join(', ')}`);
  }
  if (existsSync(file)) {
    throw new CliError(`${file}: already exists; nnjson init never overwrites a file: choose another name or delete it first`);
  }
  const model = modelFromTemplate(template);
  writeAtomic(file, writeModel(model));
  const next = model.layers.length === 0
    ? `add layers and "data" (or train with --data SRC), then run nnjson train ${file}`
    : `train it with nnjson train ${file}`;
  io.stdout(`created ${file} from the ${MODEL_TEMPLATES[template].label} template (untrained): ${next}`);
  const source = model.data?.source;
  if (source !== undefined && !isBuiltinSource(source) && !existsSync(resolve(dirname(file), source))) {
    // the CSV templates name the example data next to the shipped examples; a new folder does not have it
    io.stderr(`note: ${file} reads ${source} (relative to its folder), which does not exist yet: copy the CSV there (examples/${source.replace(/^\.\//, '')} in the NN Builder sources) or train with --data FILE.csv`);
  }
  return 0;
}
