/** A problem with the user's configuration or environment: reported as-is, exit code 2. */
export class ConfigError extends Error {
  readonly exitCode = 2;
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
    this.name = 'ConfigError';
  }
}
