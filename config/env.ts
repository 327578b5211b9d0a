/**
 * The environment (and `.env`, if present) → typed settings. The ONLY place that reads process.env.
 * Tokens are optional here: a command that needs one says so when it runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './errors.js';

export type DatabaseLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** A GitHub App installation: the collector authenticates with its installation tokens. */
export interface GithubAppCredentials {
  appId: number;
  installationId: number;
  /** The app's private key, PEM. */
  privateKey: string;
}

export interface Environment {
  githubToken: string | null;
  /** Set when GITHUB_APP_ID is: then it is used instead of GITHUB_TOKEN. */
  githubApp: GithubAppCredentials | null;
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
  /**
   * Seconds before the job queue retries a failed repository job the first time (doubling after,
   * with jitter): PULSEBOARD_QUEUE_RETRY_DELAY, default 30; tests set 1.
   */
  queueRetryDelayS: number;
  /**
   * Milliseconds between a pass's GitHub GraphQL requests (GitHub asks for serial, paced ones):
   * PULSEBOARD_GITHUB_GRAPHQL_SPACING_MS, default 100; tests against a stand-in set 0.
   */
  githubGraphqlSpacingMs: number;
}

export const DEFAULT_DATABASE = './data/pulseboard.db';
/** GitHub asks integrators for serial requests with a pause between mutations and GraphQL queries. */
export const GRAPHQL_SPACING_MS = 100;

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
    githubApp: parseGithubApp(get, cwd, errors),
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
    queueRetryDelayS: wholeNumberSetting(get, QUEUE_RETRY_DELAY, errors),
    githubGraphqlSpacingMs: wholeNumberSetting(get, GITHUB_GRAPHQL_SPACING, errors),
  };
  if (errors.length > 0) throw new ConfigError(errors);
  return Object.freeze(environment);
}

interface WholeNumberSetting {
  name: string;
  unit: 'seconds' | 'milliseconds';
  least: number;
  fallback: number;
}

/** Seconds pg-boss waits before retrying a failed job (with backoff): at least 1, its least. */
const QUEUE_RETRY_DELAY: WholeNumberSetting = {
  name: 'PULSEBOARD_QUEUE_RETRY_DELAY',
  unit: 'seconds',
  least: 1,
  fallback: 30,
};
const GITHUB_GRAPHQL_SPACING: WholeNumberSetting = {
  name: 'PULSEBOARD_GITHUB_GRAPHQL_SPACING_MS',
  unit: 'milliseconds',
  least: 0,
  fallback: GRAPHQL_SPACING_MS,
};

/**
 * A whole number of `unit`, at least `least`, from the variable `name`: `fallback` when it is unset,
 * or (with the error saying so) when it is not such a number.
 */
function wholeNumberSetting(
  get: (name: string) => string | null,
  { name, unit, least, fallback }: WholeNumberSetting,
  errors: string[],
): number {
  const value = get(name);
  if (value === null) return fallback;
  if (/^\d+$/.test(value) && Number(value) >= least) return Number(value);
  const bound = least === 0 ? '0 or more' : `at least ${least}`;
  errors.push(
    `${name} must be a whole number of ${unit}, ${bound}, e.g. ${name}=${fallback}; fix it in the environment or .env.`,
  );
  return fallback;
}

/** GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and the key (GITHUB_APP_PRIVATE_KEY or _FILE), all or none. */
function parseGithubApp(
  get: (name: string) => string | null,
  cwd: string,
  errors: string[],
): GithubAppCredentials | null {
  const appId = get('GITHUB_APP_ID');
  const installationId = get('GITHUB_APP_INSTALLATION_ID');
  const keyText = get('GITHUB_APP_PRIVATE_KEY');
  const keyFile = get('GITHUB_APP_PRIVATE_KEY_FILE');
  if (appId === null && installationId === null && keyText === null && keyFile === null)
    return null;
  const number = (name: string, value: string | null) => {
    if (value !== null && /^\d+$/.test(value)) return Number(value);
    errors.push(
      `${name} must be the GitHub App's number (from the app's settings page), e.g. ${name}=123456; set it in the environment or .env, or remove every GITHUB_APP_ setting to use GITHUB_TOKEN.`,
    );
    return 0;
  };
  const ids = {
    appId: number('GITHUB_APP_ID', appId),
    installationId: number('GITHUB_APP_INSTALLATION_ID', installationId),
  };
  let privateKey = keyText?.replace(/\\n/g, '\n') ?? null;
  if (privateKey === null && keyFile !== null) {
    const path = resolve(cwd, keyFile);
    privateKey = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (privateKey === null)
      errors.push(
        `GITHUB_APP_PRIVATE_KEY_FILE names ${path}, which does not exist; point it at the .pem file GitHub gave for the app.`,
      );
  } else if (privateKey === null) {
    errors.push(
      'GITHUB_APP_PRIVATE_KEY_FILE (or GITHUB_APP_PRIVATE_KEY) is not set; point it at the .pem file GitHub gave for the app.',
    );
  }
  if (privateKey !== null && !privateKey.includes('PRIVATE KEY-----'))
    errors.push(
      'GITHUB_APP_PRIVATE_KEY is not a PEM private key; use the .pem file GitHub gave for the app (GITHUB_APP_PRIVATE_KEY_FILE).',
    );
  return { ...ids, privateKey: privateKey ?? '' };
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
