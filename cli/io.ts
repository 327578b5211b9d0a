/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  cwd: string;
  /** The environment; undefined means the process's own (read by config/ only). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Environment entries a global flag sets (`--demo`: the demo's database); they win. */
  envOverrides?: Readonly<Record<string, string>>;
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
    untilStopped: () => (stopped ??= listenForStop()),
  };
}

/** Ctrl-C must end a command within 2 s, whatever it is waiting for. */
export const STOP_DEADLINE_MS = 1500;
let stopped: Promise<string> | undefined;
let signalled = false;

/** Whether Ctrl-C (or SIGTERM) came: the command has stopped, stray timers must not keep the process. */
export const stopRequested = () => signalled;

/**
 * Resolves at the first SIGINT/SIGTERM, so the command can stop cleanly; if it has not ended
 * STOP_DEADLINE_MS later (a request or query still in flight), the process exits anyway, quietly:
 * every write is committed page by page, so the next run resumes where this one stopped. A second
 * Ctrl-C exits at once.
 */
function listenForStop(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      const code = signal === 'SIGINT' ? 130 : 143;
      signalled = true;
      process.once('SIGINT', () => process.exit(code));
      process.once('SIGTERM', () => process.exit(code));
      setTimeout(() => process.exit(code), STOP_DEADLINE_MS).unref();
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
