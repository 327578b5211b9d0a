/**
 * The environment (and `.env`, if present) → typed settings. The ONLY place that reads process.env.
 * Tokens are optional here: a command that needs one says so when it runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './errors.js';

export type DatabaseLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface Environment {
  githubToken: string | null;
  githubApiUrl: string;
  discordBotToken: string | null;
  discordApiUrl: string;
  /**
   * Roots of the public download-statistics APIs (npm's download counts, PyPI's download stats,
   * Docker Hub's repository API). Null until set: see PACKAGE_API_ENV.
   */
  npmDownloadsApiUrl: string | null;
  pypiStatsApiUrl: string | null;
  dockerHubApiUrl: string | null;
  slackWebhookUrl: string | null;
  discordWebhookUrl: string | null;
  /** Alerts: their own Slack/Discord webhooks (else the digest's), and the generic webhook. */
  alertSlackWebhookUrl: string | null;
  alertDiscordWebhookUrl: string | null;
  alertWebhookUrl: string | null;
  /** Signs the generic webhook's body (HMAC-SHA256). */
  alertWebhookSecret: string | null;
  database: DatabaseLocation;
  adminToken: string | null;
  port: number;
  host: string;
}

export const DEFAULT_DATABASE = './data/pulseboard.db';

/**
 * The environment variables naming each package source's API root. House rule: no registry host
 * name is written in this code base, so these have no built-in default; the README names the value
 * to set, and the demo and tests point them at stand-ins.
 */
export const PACKAGE_API_ENV = {
  npm: 'NPM_DOWNLOADS_API_URL',
  pypi: 'PYPI_STATS_API_URL',
  docker: 'DOCKER_HUB_API_URL',
} as const;

export interface EnvironmentOptions {
  /** Where `.env` and relative database paths are looked up. */
  cwd?: string;
  /** The process environment; tests pass their own. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Set by a flag (`--demo`): wins over the environment and `.env`. */
  overrides?: Readonly<Record<string, string>>;
}

export function loadEnvironment(options: EnvironmentOptions = {}): Environment {
  const cwd = options.cwd ?? process.cwd();
  const dotenvPath = resolve(cwd, '.env');
  const fromFile = existsSync(dotenvPath) ? parseEnv(readFileSync(dotenvPath, 'utf8')) : {};
  // The real environment wins over .env, as with every dotenv loader.
  const env: Record<string, string | undefined> = {
    ...fromFile,
    ...(options.env ?? process.env),
    ...options.overrides,
  };
  const get = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : null;
  };
  const errors: string[] = [];
  const url = (name: string, fallback: string | null, example?: string) => {
    const value = get(name);
    if (value === null) return fallback;
    try {
      const parsed = new URL(value);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:')
        return value.replace(/\/+$/, '');
    } catch {
      // reported below
    }
    errors.push(
      `${name} must be an http(s) URL such as ${fallback ?? example ?? 'https://hooks.example.com/…'}; fix it in the environment or .env.`,
    );
    return fallback;
  };

  const port = parsePort(get('PORT'));
  if (port === null)
    errors.push(
      'PORT must be a whole number from 0 to 65535, e.g. PORT=3000; fix it in the environment or .env.',
    );

  const environment: Environment = {
    githubToken: get('GITHUB_TOKEN'),
    githubApiUrl: url('GITHUB_API_URL', 'https://api.github.com')!,
    discordBotToken: get('DISCORD_BOT_TOKEN'),
    discordApiUrl: url('DISCORD_API_URL', 'https://discord.com/api/v10')!,
    npmDownloadsApiUrl: url(PACKAGE_API_ENV.npm, null, 'https://stats.example.com'),
    pypiStatsApiUrl: url(PACKAGE_API_ENV.pypi, null, 'https://stats.example.com'),
    dockerHubApiUrl: url(PACKAGE_API_ENV.docker, null, 'https://stats.example.com'),
    slackWebhookUrl: url('SLACK_WEBHOOK_URL', null),
    discordWebhookUrl: url('DISCORD_WEBHOOK_URL', null),
    alertSlackWebhookUrl: url('ALERT_SLACK_WEBHOOK_URL', null),
    alertDiscordWebhookUrl: url('ALERT_DISCORD_WEBHOOK_URL', null),
    alertWebhookUrl: url('ALERT_WEBHOOK_URL', null),
    alertWebhookSecret: get('ALERT_WEBHOOK_SECRET'),
    database: parseDatabase(get('PULSEBOARD_DB') ?? DEFAULT_DATABASE, cwd),
    adminToken: get('PULSEBOARD_ADMIN_TOKEN'),
    port: port ?? 3000,
    host: get('HOST') ?? '127.0.0.1',
  };
  if (errors.length > 0) throw new ConfigError(errors);
  return Object.freeze(environment);
}

function parsePort(value: string | null): number | null {
  if (value === null) return 3000;
  if (!/^\d+$/.test(value)) return null;
  const port = Number(value);
  return port <= 65535 ? port : null;
}

/** `postgres://…` (or `postgresql://…`) is PostgreSQL; anything else is a SQLite file path. */
export function parseDatabase(value: string, cwd: string): DatabaseLocation {
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: 'postgres', url: value };
  if (value === ':memory:') return { kind: 'sqlite', path: value };
  return { kind: 'sqlite', path: resolve(cwd, value) };
}
