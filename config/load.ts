/**
 * `pulseboard.yaml` + environment → one frozen, typed Config. Parsed once, passed down.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { AlertsConfig } from './alerts.js';
import { loadEnvironment, type Environment, type EnvironmentOptions } from './env.js';
import { ConfigError } from './errors.js';
import { findMetric, type Direction, type MetricUnit } from '../server/kpi/metrics/index.js';
import type { PackagesConfig } from './packages.js';
import { configFileSchema, suggest, type ConfigFile, type PeriodLength } from './schema.js';
import { scopedLabel } from './scope.js';
import { configJsonSchema } from './json-schema.js';

export const DEFAULT_CONFIG_FILE = 'pulseboard.yaml';

export interface KeyResult {
  id: string;
  objective: string;
  metric: string;
  label: string;
  unit: MetricUnit | string;
  direction: Direction;
  target: number;
  /** From the config; otherwise the metric's value at `start`. */
  baseline: number | null;
  /** YYYY-MM-DD; null: from the first data point. */
  start: string | null;
  /** YYYY-MM-DD; null: a standing target with no deadline. */
  deadline: string | null;
  /** The target is a total each week/month/quarter must reach (per-period metrics only). */
  per?: PeriodLength;
  /** Absent: the whole project. */
  scope?: KeyResultScope;
}

/** Who and where a key result counts (`contributors:`, `repos:`). */
export interface KeyResultScope {
  /** owner/name as configured; null: every repository. */
  repos: readonly string[] | null;
  contributors: 'team' | 'external' | null;
  team: Team;
  /** The project's, for day boundaries when the series is computed from stored contributions. */
  timeZone: string;
}

/** `team:`: logins lower-cased. */
export interface Team {
  logins: readonly string[];
  associations: readonly string[];
}

export interface Objective {
  objective: string;
  keyResults: readonly KeyResult[];
}

export interface Config {
  /** Absolute path of the file this came from. */
  file: string;
  project: string;
  timezone: string;
  /** Where people open the dashboard (no trailing slash); null: digests link to GitHub only. */
  dashboardUrl: string | null;
  github: ConfigFile['github'] | null;
  discord: { guildId: string; inviteCode: string | null } | null;
  /** Null: no package downloads are collected. */
  packages: PackagesConfig | null;
  schedule: ConfigFile['schedule'];
  digest: ConfigFile['digest'];
  /** Null: alerts are off (no `alerts:` section). */
  alerts: AlertsConfig | null;
  okrs: readonly Objective[];
  team: Team;
  env: Environment;
}

export interface LoadOptions extends EnvironmentOptions {
  /** The config file; relative to cwd. Default `pulseboard.yaml`. */
  file?: string;
}

export function loadConfig(options: LoadOptions = {}): Readonly<Config> {
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, options.file ?? DEFAULT_CONFIG_FILE);
  const shown = relative(cwd, file) || file;
  if (!existsSync(file)) {
    throw new ConfigError([
      `No config file at ${shown}: create one with \`npx pulseboard init --repo owner/name\`, pass --config FILE, or try \`npm run demo\`.`,
    ]);
  }
  const parsed = parseConfigText(readFileSync(file, 'utf8'), shown);
  const env = loadEnvironment(options);
  return deepFreeze(resolveConfig(parsed, file, env));
}

/** Parses and validates the text of a config file; errors name `file:line:col: path`. */
export function parseConfigText(text: string, shown = DEFAULT_CONFIG_FILE): ConfigFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        const where = `${shown}:${line}:${col}`;
        const what =
          e.code === 'DUPLICATE_KEY' ? 'a key appears twice; keep one' : e.message.split('\n')[0];
        return `${where}: YAML syntax error: ${what}.`;
      }),
    );
  }
  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError([
      `${shown}: must be a YAML mapping starting with project: <name>; see examples/pulseboard.yaml.`,
    ]);
  }
  const result = configFileSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.flatMap((issue) => describeIssue(issue, raw, doc, lineCounter, shown)),
  );
}

function describeIssue(
  issue: z.core.$ZodIssue,
  raw: unknown,
  doc: Document,
  lines: LineCounter,
  shown: string,
): string[] {
  const where = (path: PropertyKey[], atKey = false) => {
    const offset = locate(doc, path, atKey);
    if (offset === null) return shown;
    const { line, col } = lines.linePos(offset);
    return `${shown}:${line}:${col}`;
  };
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(issue.path);
    return issue.keys.map(
      (key) =>
        `${where([...issue.path, key], true)}: ${formatPath([...issue.path, key])}: unknown key; remove it or fix its spelling${suggest(key, allowed)}; allowed here: ${allowed.join(', ')}.`,
    );
  }
  const missing = issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined;
  const message = missing ? `is missing; add it (it ${issue.message})` : issue.message;
  return [`${where(issue.path)}: ${formatPath(issue.path)}: ${message}.`];
}

/** `['okrs', 1, 'keyResults', 0, 'metric']` → `okrs[1].keyResults[0].metric`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

/**
 * Offset in the YAML text of the key at `path` (for an unknown key) or of its value, falling back
 * to the nearest ancestor that exists.
 */
function locate(doc: Document, path: readonly PropertyKey[], atKey: boolean): number | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth) as (string | number)[];
    const node = doc.getIn(prefix, true) as Ranged | undefined;
    // A key whose value is missing or null still has a key node: point at it.
    const key = depth > 0 && (atKey || !node) ? keyNode(doc, prefix) : undefined;
    const offset = key?.range?.[0] ?? node?.range?.[0];
    if (offset !== undefined) return offset;
  }
  return null;
}

type Ranged = { range?: [number, number, number] };

function keyNode(doc: Document, path: (string | number)[]): Ranged | undefined {
  const parent = doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find(
    (p) => (p.key as { value?: unknown } | null)?.value === path.at(-1),
  );
  return pair?.key as Ranged | undefined;
}

/** The keys the JSON Schema allows at `path`, for "did you mean" and the allowed list. */
function allowedKeys(path: readonly PropertyKey[]): string[] {
  let node: JsonSchemaNode | undefined = configJsonSchema as JsonSchemaNode;
  for (const part of path) {
    node = typeof part === 'number' ? node?.items : node?.properties?.[String(part)];
  }
  return Object.keys(node?.properties ?? {}).filter((key) => key !== '$schema');
}

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
}

function resolveConfig(parsed: ConfigFile, file: string, env: Environment): Config {
  const team: Team = {
    logins: parsed.team.logins.map((login) => login.toLowerCase()),
    associations: parsed.team.associations,
  };
  return {
    file,
    project: parsed.project,
    timezone: parsed.timezone,
    dashboardUrl: parsed.dashboardUrl ?? null,
    github: parsed.github ?? null,
    discord: parsed.discord
      ? { guildId: parsed.discord.guildId, inviteCode: parsed.discord.inviteCode ?? null }
      : null,
    packages: parsed.packages ?? null,
    schedule: parsed.schedule,
    digest: parsed.digest,
    alerts: parsed.alerts ?? null,
    team,
    okrs: parsed.okrs.map((o) => ({
      objective: o.objective,
      keyResults: o.keyResults.map((kr): KeyResult => {
        const metric = findMetric(kr.metric)!; // validated by the schema
        return {
          id: kr.id,
          objective: o.objective,
          metric: kr.metric,
          label: kr.label ?? scopedLabel(metric.label, kr),
          unit: kr.unit ?? metric.unit,
          direction: kr.direction ?? metric.better,
          target: kr.target,
          baseline: kr.baseline ?? null,
          start: o.period?.start ?? null,
          deadline: kr.deadline ?? o.period?.end ?? null,
          ...(kr.per && { per: kr.per }),
          ...(kr.repos || kr.contributors
            ? {
                scope: {
                  repos: kr.repos ?? null,
                  contributors: kr.contributors ?? null,
                  team,
                  timeZone: parsed.timezone,
                },
              }
            : {}),
        };
      }),
    })),
    env,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
