/**
 * Entry point of the `nnjson` command (bundled to dist/cli.js). Every failure ends as one line on stderr
 * naming the file, the place and the fix, with a non-zero exit status; input files are never modified by a
 * failing command.
 */
import { DataError } from '../data/errors';
import { KERNELS_ENVIRONMENT_VARIABLE, selectKernels } from '../node/select-kernels';
import { UsageError } from './args';
import { CliError } from './cli-error';
import { diffCommand } from './commands/diff';
import { evalCommand } from './commands/evaluate';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { initCommand } from './commands/init';
import { predictCommand } from './commands/predict';
import { summaryCommand } from './commands/summary';
import { textconvCommand } from './commands/textconv';
import { trainCommand } from './commands/train';
import { validateCommand } from './commands/validate';
import { COMMAND_HELP, MAIN_HELP } from './help';
import { processIo, type CommandIo } from './io';
import { packageVersion } from './version';

type Command = (argv: readonly string[], io: CommandIo) => number | Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  train: trainCommand,
  eval: evalCommand,
  predict: predictCommand,
  summary: summaryCommand,
  validate: validateCommand,
  diff: diffCommand,
  textconv: textconvCommand,
  init: initCommand,
  export: exportCommand,
  import: importCommand,
};

/** Commands that run the network: they get the fastest kernels this runtime supports. */
const COMPUTING = new Set(['train', 'eval', 'predict']);

const EXIT_ERROR = 1;
const EXIT_USAGE = 2;

export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    io.stdout(topic && COMMAND_HELP[topic] ? COMMAND_HELP[topic] : MAIN_HELP);
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(packageVersion());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`nnjson: unknown command "${name}": use one of ${Object.keys(COMMANDS).join(', ')} (nnjson --help)`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(COMMAND_HELP[name]);
    return 0;
  }
  try {
    if (COMPUTING.has(name)) {
      const selection = selectKernels('auto');
      // falling back is normal where WebAssembly SIMD is missing; only say so when it was asked for
      if (selection.fallbackReason && process.env[KERNELS_ENVIRONMENT_VARIABLE]) io.stderr(`nnjson: ${selection.fallbackReason}`);
    }
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(error.message);
      return EXIT_USAGE;
    }
    if (error instanceof CliError) {
      io.stderr(error.message);
      return error.exitCode;
    }
    if (error instanceof DataError) {
      io.stderr(`nnjson ${name}: ${error.message}`);
      return EXIT_ERROR;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(`nnjson ${name}: ${detail}`);
    if (process.env.NNJSON_DEBUG && error instanceof Error && error.stack) io.stderr(error.stack);
    return EXIT_ERROR;
  }
}

if (require.main === module) {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // `nnjson predict ... | head` closes the pipe early: that is not an error
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`nnjson: cannot write the output (${error.message}): make room where it goes (a full disk?) or send it elsewhere, then run the command again\n`);
    process.exit(EXIT_ERROR);
  });
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`nnjson: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}
