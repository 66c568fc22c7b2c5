/** Command-line argument parsing for `nnjson`: positionals, `--flag value`, `--flag=value` and boolean flags. */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface FlagSpec {
  /** Takes a value (`--epochs 5`) rather than being a switch (`--json`). */
  value: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[], command: string, flags: Readonly<Record<string, FlagSpec>>): ParsedArgs {
  const positionals: string[] = [];
  const values = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals < 0 ? undefined : equals);
    const spec = flags[name];
    if (!spec) {
      const known = Object.keys(flags).map((f) => `--${f}`).join(', ');
      throw new UsageError(`nnjson ${command}: unknown option --${name}${known ? ` (options: ${known})` : ''}; see nnjson ${command} --help`);
    }
    if (!spec.value) {
      if (equals >= 0) throw new UsageError(`nnjson ${command}: --${name} takes no value`);
      values.set(name, true);
      continue;
    }
    const value = equals >= 0 ? arg.slice(equals + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`nnjson ${command}: --${name} needs a value, e.g. --${name} ${exampleValue(name)}`);
    values.set(name, value);
  }
  return { positionals, flags: values };
}

function exampleValue(name: string): string {
  switch (name) {
    case 'lr': return '0.01';
    case 'data': return 'data.csv';
    case 'out': return 'out.nnjson';
    case 'template': return 'xor';
    default: return '10';
  }
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function booleanFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

/** A number flag with bounds; `integer` demands a whole number. */
export function numberFlag(
  args: ParsedArgs, command: string, name: string, options: { integer: boolean; min: number; exclusiveMin?: boolean },
): number | undefined {
  const text = stringFlag(args, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  const tooSmall = options.exclusiveMin ? value <= options.min : value < options.min;
  if (text.trim() === '' || !Number.isFinite(value) || (options.integer && !Number.isInteger(value)) || tooSmall) {
    const kind = options.integer ? 'a whole number' : 'a number';
    const bound = options.exclusiveMin ? `above ${options.min}` : `of ${options.min} or more`;
    throw new UsageError(`nnjson ${command}: --${name} ${text} is not valid: use ${kind} ${bound}`);
  }
  return value;
}

/** Exactly `count` positionals, else a usage error that shows the synopsis. */
export function expectPositionals(args: ParsedArgs, synopsis: string, min: number, max = min): string[] {
  if (args.positionals.length < min || args.positionals.length > max) {
    throw new UsageError(`usage: ${synopsis}${args.positionals.length > max ? ` (unexpected "${args.positionals[max]}")` : ''}`);
  }
  return args.positionals;
}
