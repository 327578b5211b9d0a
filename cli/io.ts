/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  cwd: string;
  /** The environment; undefined means the process's own (read by config/ only). */
  env?: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Where live progress bars go when it is a terminal (stderr). */
  progressStream: NodeJS.WritableStream & { isTTY?: boolean };
  /** Resolves when the user asks a long-running command (start) to stop. */
  untilStopped(): Promise<string>;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    progressStream: process.stderr,
    untilStopped: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      }),
  };
}
