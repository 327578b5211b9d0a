/** Errors the CLI reports as their message alone, without a stack trace. */

/** Bad flags or arguments: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A runtime failure whose message already says what to do: exit code 1. */
export class CliFailure extends Error {
  override name = 'CliFailure';
}
