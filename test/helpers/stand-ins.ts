/** GitHub and Discord stand-ins behind one msw server (msw patches fetch once per process). */
import { http } from 'msw';
import { setupServer } from 'msw/node';
import {
  createDiscordStandIn,
  createGuild,
  type DiscordStandIn,
  type GuildOptions,
} from '../../demo/discord/stand-in.js';
import { createGithubStandIn, type GithubStandIn } from '../../demo/github/stand-in.js';
import { createWorld, type WorldOptions } from '../../demo/github/world.js';
import { GITHUB_TEST_URL } from './github.js';

export const DISCORD_TEST_ORIGIN = 'http://discord.stand-in';

export function startStandIns(githubOptions: WorldOptions, guildOptions: GuildOptions) {
  const github: GithubStandIn = createGithubStandIn(createWorld(githubOptions));
  const discord: DiscordStandIn = createDiscordStandIn(createGuild(guildOptions));
  const msw = setupServer(
    http.all(`${GITHUB_TEST_URL}/*`, ({ request }) => github.handle(request)),
    http.all(`${DISCORD_TEST_ORIGIN}/*`, ({ request }) => discord.handle(request)),
  );
  msw.listen({ onUnhandledRequest: 'error' });
  return { github, discord, close: () => msw.close() };
}
