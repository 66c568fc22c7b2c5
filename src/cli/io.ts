/** Where a command writes: lines to stdout and stderr, and whether stdout is an interactive terminal. */
export interface CommandIo {
  stdout(line: string): void;
  stderr(line: string): void;
  /** Raw write to stdout without a newline (progress bar redraws). */
  stdoutRaw(text: string): void;
  /** stdout is a terminal: draw a progress bar instead of plain lines. */
  isTty: boolean;
  columns: number;
}

export function processIo(): CommandIo {
  return {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    stdoutRaw: (text) => process.stdout.write(text),
    isTty: process.stdout.isTTY === true,
    columns: process.stdout.columns || 80,
  };
}
