/** The starter `pulseboard.yaml` written by `pulseboard init` (its `.env` is `.env.example`). */

export interface StarterOptions {
  project: string;
  /** owner/name; empty writes a placeholder to edit. */
  repos: readonly string[];
  guildId: string | null;
  /** The OKR period is this calendar year. */
  year: number;
}

export const PLACEHOLDER_REPO = 'your-org/your-repo';

export function renderStarterConfig(options: StarterOptions): string {
  const repos = options.repos.length > 0 ? options.repos : [PLACEHOLDER_REPO];
  const hasDiscord = options.guildId !== null;
  const discord = hasDiscord
    ? `discord:\n  guildId: "${options.guildId}"   # quoted: ids this long lose digits as numbers\n`
    : `# discord:\n#   guildId: "123456789012345678"   # Server Settings → Widget → Server ID, in quotes\n`;
  const discordKr = hasDiscord
    ? `      - { id: discord, metric: discord.members, target: 5000 }\n`
    : `      # - { id: discord, metric: discord.members, target: 5000 }   # needs discord: above\n`;
  return `# Pulseboard configuration. Reference: the README's "Configuration" and "Metric reference".
# Editors: \`npx pulseboard config schema > pulseboard.schema.json\`, then point your YAML
# extension at that file for completion and checks.
project: ${yamlString(options.project)}
timezone: UTC
# Where people open the dashboard; the digest then links each key result to its page there.
# dashboardUrl: https://pulse.example.org

github:
  repos: [${repos.join(', ')}]
  # orgs: [your-org]            # or every public, non-archived, non-fork repo of an org
  # bots: ["renovate[bot]"]     # extra logins to leave out of every metric

${discord}
schedule:
  collect: "17 * * * *"   # every hour at :17
  digest: "0 9 * * MON"   # Mondays 09:00

digest:
  slack: false     # true posts to SLACK_WEBHOOK_URL (set it in .env)
  discord: false   # true posts to DISCORD_WEBHOOK_URL

# Objectives and key results. Each key result tracks one metric against a target by a deadline
# (the objective's period end, or its own deadline:). Set targets that fit your project.
okrs:
  - objective: Grow the community
    period: { start: ${options.year}-01-01, end: ${options.year}-12-31 }
    keyResults:
      - { id: stars, metric: github.stars, target: 1000 }
      - { id: contributors, metric: github.contributors, target: 100 }
      # - { id: active, metric: github.contributors.active, target: 25 }
${discordKr}
  - objective: Healthy engagement
    keyResults:
      # No period or deadline: a standing target, judged on the current value.
      - { id: merge-time, metric: github.prs.merge_time.p50, target: 168 }          # hours
      - { id: first-response, metric: github.issues.first_response.p50, target: 24 }  # hours
      # Values you record yourself: npx pulseboard record manual.downloads 12000
      # - { id: downloads, metric: manual.downloads, target: 50000, deadline: ${options.year}-12-31 }
`;
}

function yamlString(text: string): string {
  return /^[A-Za-z0-9 _.-]+$/.test(text) ? text : JSON.stringify(text);
}
