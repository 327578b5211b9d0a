/**
 * API answers kept as ready bytes per rollup version: serialized once (by the route's response
 * schema), compressed once per encoding a client asks for, and tagged with a strong ETag, so a
 * request costs a cache lookup and a write. A browser revalidates (`no-cache`) and gets a 304 while
 * the rollups are unchanged.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RollupCache } from './cache.js';

/** The 304 in a route's OpenAPI responses. */
export const NOT_MODIFIED = {
  description: 'Not modified: the If-None-Match ETag is current (the rollups have not changed)',
  type: 'null',
} as const;

export type Encoding = 'br' | 'gzip' | 'identity';
const ENCODINGS: Encoding[] = ['br', 'gzip', 'identity'];

/** Below this size compression costs more than it saves (as for the rest of the app). */
export const COMPRESS_THRESHOLD = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
// Compressed once per rollup version, not per request: worth a higher quality than a stream's.
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } };

export class ReadyAnswer {
  private readonly encoded = new Map<Encoding, Promise<Buffer>>();
  /** The encodings whose compression has finished. */
  private readonly done = new Map<Encoding, Buffer>();
  /** Each encoding's ETag, built once rather than per request. */
  private readonly etags: Readonly<Record<Encoding, string>>;
  private readonly ownTags: ReadonlySet<string>;

  constructor(
    /** The tag without quotes; each encoding's ETag adds a suffix (they are different bytes). */
    readonly tag: string,
    readonly identity: Buffer,
  ) {
    this.etags = { br: `"${tag}-br"`, gzip: `"${tag}-gzip"`, identity: `"${tag}"` };
    this.ownTags = new Set(ENCODINGS.map((e) => this.etags[e]));
  }

  etag(encoding: Encoding): string {
    return this.etags[encoding];
  }

  /** The bytes in an encoding, compressed on first use. */
  bytes(encoding: Encoding): Promise<Buffer> {
    if (encoding === 'identity') return Promise.resolve(this.identity);
    let bytes = this.encoded.get(encoding);
    if (!bytes) {
      bytes = encoding === 'br' ? brotli(this.identity, BROTLI_OPTIONS) : gzipAsync(this.identity);
      this.encoded.set(encoding, bytes);
      bytes.then(
        (compressed) => this.done.set(encoding, compressed),
        () => this.encoded.delete(encoding),
      );
    }
    return bytes;
  }

  /** The bytes in an encoding when they are at hand (identity, or compressed before). */
  bytesAtHand(encoding: Encoding): Buffer | undefined {
    return encoding === 'identity' ? this.identity : this.done.get(encoding);
  }

  /** If-None-Match matches when it names any encoding's tag (weak comparison, RFC 9110 13.1.2). */
  matches(ifNoneMatch: string | undefined): boolean {
    if (!ifNoneMatch) return false;
    const ours = this.ownTags;
    return ifNoneMatch
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === '*' || ours.has(t));
  }
}

/** A strong tag from the rollup version, the request key and the bytes (settings may change across restarts). */
export function readyAnswer(version: string | null, key: string, identity: Buffer): ReadyAnswer {
  const tag = createHash('sha256')
    .update(`${version ?? 'none'}\0${key}\0`)
    .update(identity)
    .digest('base64url')
    .slice(0, 27);
  return new ReadyAnswer(tag, identity);
}

/** The best encoding an Accept-Encoding header allows: br, then gzip, else identity. */
export function chooseEncoding(acceptEncoding: string | undefined, size: number): Encoding {
  if (!acceptEncoding || size < COMPRESS_THRESHOLD) return 'identity';
  const q = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    if (!name) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(value) ? value : 0);
  }
  const allowed = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (allowed('br')) return 'br';
  if (allowed('gzip')) return 'gzip';
  return 'identity';
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Answers a GET from the ready bytes under `key`, computing and serializing them (with the route's
 * response schema) once per rollup version. When the answer and its bytes are at hand (nearly every
 * request) it is sent at once and the result is undefined; otherwise a promise settled once sent.
 */
export function sendReady(
  cache: RollupCache,
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  compute: () => Promise<unknown>,
): Promise<void> | undefined {
  const ready = cache.peek<ReadyAnswer>(key);
  if (ready) {
    const encoding = chooseEncoding(request.headers['accept-encoding'], ready.identity.length);
    const bytes = ready.bytesAtHand(encoding);
    if (bytes) return send(ready, request, reply, encoding, bytes, JSON_TYPE);
  }
  return sendComputed(cache, request, reply, key, compute);
}

async function sendComputed(
  cache: RollupCache,
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  compute: () => Promise<unknown>,
): Promise<void> {
  const answer = await cache.get(key, async (version) =>
    readyAnswer(version, key, Buffer.from(reply.serialize(await compute()) as string)),
  );
  await sendAnswer(request, reply, answer, JSON_TYPE);
}

/** Sends ready bytes: the best encoding the client takes, the ETag, or a 304 when it matches. */
export async function sendAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: ReadyAnswer,
  type: string,
): Promise<void> {
  const encoding = chooseEncoding(request.headers['accept-encoding'], answer.identity.length);
  send(answer, request, reply, encoding, await answer.bytes(encoding), type);
}

/** Sends `answer` in `encoding` (its `body`), or a 304 when the client's tag matches. */
function send(
  answer: ReadyAnswer,
  request: FastifyRequest,
  reply: FastifyReply,
  encoding: Encoding,
  body: Buffer,
  type: string,
): undefined {
  reply
    .header('etag', answer.etag(encoding))
    .header('cache-control', 'no-cache')
    .header('vary', 'accept-encoding');
  if (answer.matches(request.headers['if-none-match'])) {
    void reply.status(304).send();
    return undefined;
  }
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  void reply.type(type).send(body);
  return undefined;
}
