/** The Discord stand-in behind msw: the collector talks to it through @discordjs/rest and fetch. */
import { http } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import {
  createDiscordStandIn,
  createGuild,
  type DiscordStandIn,
  type GuildOptions,
} from '../../demo/discord/stand-in.js';

export const DISCORD_TEST_URL = 'http://discord.stand-in/api/v10';

export interface DiscordFixture {
  standIn: DiscordStandIn;
  msw: SetupServer;
  close(): void;
}

export function startDiscordStandIn(options: GuildOptions = {}): DiscordFixture {
  const standIn = createDiscordStandIn(createGuild(options));
  // Discord's buckets, on a shorter clock: the collector must still follow the headers.
  standIn.messagesRateLimit = { limit: 5, windowMs: 200 };
  const msw = setupServer(
    http.all('http://discord.stand-in/*', ({ request }) => standIn.handle(request)),
  );
  msw.listen({ onUnhandledRequest: 'error' });
  return { standIn, msw, close: () => msw.close() };
}
