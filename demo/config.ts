/** The demo's pulseboard.yaml: the design's example OKRs, over the generated community. */

export function renderDemoConfig(options: {
  repos: readonly string[];
  guildId: string;
  year: number;
  /** Where the demo serves the dashboard, for the digest's links; none on a port chosen later (0). */
  dashboardUrl?: string | null;
  packages?: { npm: readonly string[]; pypi: readonly string[]; docker: readonly string[] };
}): string {
  const packages = options.packages
    ? `packages:\n  npm: [${options.packages.npm.map((n) => `'${n}'`).join(', ')}]\n  pypi: [${options.packages.pypi.join(', ')}]\n  docker: [${options.packages.docker.join(', ')}]\n`
    : '';
  const { year } = options;
  return `# Written by \`pulseboard demo\`: the example OKRs, tracked against the offline stand-in APIs.
project: InfraGenius (demo)
timezone: UTC
${options.dashboardUrl ? `dashboardUrl: ${options.dashboardUrl}\n` : ''}github:
  repos: [${options.repos.join(', ')}]
  bots: ['renovate[bot]']
discord:
  guildId: '${options.guildId}'
${packages}schedule: { collect: '* * * * *', digest: '0 9 * * MON' }
okrs:
  - objective: Build community
    period: { start: ${year}-01-01, end: ${year}-12-31 }
    keyResults:
      - { id: stars, metric: github.stars, target: 10000 }
      - { id: discord, metric: discord.members, target: 5000 }
      - { id: contributors, metric: github.contributors, target: 1200 }
      - { id: active, metric: github.contributors.active, target: 400 }
  - objective: Healthy engagement
    keyResults:
      - { id: merge-time, metric: github.prs.merge_time.p50, target: 168 }
      - { id: first-response, metric: github.issues.first_response.p50, target: 24 }
      - { id: arr, metric: manual.arr, label: Annual recurring revenue, unit: USD, target: 250000, deadline: ${year}-12-31 }
`;
}
