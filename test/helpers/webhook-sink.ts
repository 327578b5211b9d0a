/** A local HTTP server that records every POST (raw body and headers), standing in for webhooks. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Captured {
  path: string;
  headers: IncomingHttpHeaders;
  /** Exactly the bytes received, as the receiver would verify them. */
  raw: string;
}

export async function startWebhookSink(status = 200) {
  const received: Captured[] = [];
  const server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, raw });
      response.writeHead(sink.status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sink = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    status,
    /** Posts to one path, parsed. */
    bodies: (path: string) =>
      received.filter((r) => r.path === path).map((r) => JSON.parse(r.raw) as unknown),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return sink;
}
