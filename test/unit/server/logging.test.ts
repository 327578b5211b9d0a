import Fastify from 'fastify';
import { describe, expect, test } from 'vitest';
import { installErrorHandling } from '../../../server/errors.js';
import { loggingOptions, type ServerLog } from '../../../server/logging.js';

interface Line {
  level: number;
  msg?: string;
  reqId?: string;
  err?: { message: string };
  res?: { statusCode: number };
}

/** An app logging as the server does, its lines parsed as they are written. */
function loggingApp(log: ServerLog) {
  const lines: Line[] = [];
  const written: string[] = [];
  const stream = {
    write: (line: string) => {
      written.push(line);
      lines.push(JSON.parse(line) as Line);
    },
  };
  const app = Fastify(loggingOptions(log, stream));
  installErrorHandling(app);
  app.get('/ok', async () => ({ ok: true }));
  app.get('/broken', async () => {
    throw new Error('the disk is on fire');
  });
  app.get('/twice', (_request, reply) => {
    void reply.send('once');
    void reply.send('twice');
  });
  return { app, lines, written };
}

const WARN = 40;
const ERROR = 50;
const authorization = { authorization: 'Bearer s3cret-admin-token' };

describe('server logging', () => {
  test('problems: an answered request writes nothing; errors and warnings are written', async () => {
    const { app, lines, written } = loggingApp('problems');
    expect((await app.inject({ url: '/ok', headers: authorization })).statusCode).toBe(200);
    expect((await app.inject({ url: '/nope', headers: authorization })).statusCode).toBe(404);
    expect(lines).toEqual([]);

    expect((await app.inject({ url: '/broken', headers: authorization })).statusCode).toBe(500);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: ERROR,
      msg: 'request failed',
      err: { message: 'the disk is on fire' },
    });

    await app.inject({ url: '/twice' });
    expect(lines.slice(1).map((l) => l.level)).toContain(WARN);
    expect(written.join('')).not.toContain('s3cret');
    await app.close();
  });

  test('requests (--verbose): every request in and out, with its id, the token redacted', async () => {
    const { app, lines, written } = loggingApp('requests');
    await app.inject({ url: '/ok', headers: authorization });
    const incoming = lines.find((l) => l.msg === 'incoming request');
    const completed = lines.find((l) => l.msg === 'request completed');
    expect(incoming?.reqId).toBeTruthy();
    expect(completed).toMatchObject({ reqId: incoming?.reqId, res: { statusCode: 200 } });

    await app.inject({ url: '/broken' });
    expect(lines.find((l) => l.msg === 'request failed')).toMatchObject({ level: ERROR });
    expect(written.join('')).not.toContain('s3cret');
    await app.close();
  });
});
