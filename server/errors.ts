/**
 * One error shape for the whole API: `{error: {code, message}}`. Anything the caller did wrong is a
 * 4xx with a message that says what; a 5xx says nothing of our internals (the log has the details).
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ErrorBody, ErrorCode } from './schemas/error.js';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  408: 'request_timeout',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  431: 'header_too_large',
  429: 'rate_limited',
  503: 'unavailable',
};

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500 && status !== 503) {
      request.log.error({ err: error }, 'request failed');
      return reply
        .status(500)
        .send(errorBody('internal', 'Internal error; the server log has the details.'));
    }
    const code = error instanceof ApiError ? error.code : (CODE_BY_STATUS[status] ?? 'bad_request');
    const message =
      'validation' in error && error.validation ? describeValidation(error) : error.message;
    return reply.status(status).send(errorBody(code, message));
  });
}

/** "Invalid querystring: unknown parameter color" rather than Ajv's bare wording. */
function describeValidation(error: FastifyError): string {
  const where = error.validationContext ?? 'request';
  const parts = (error.validation ?? []).map((v) => {
    const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const extra = (v.params as { additionalProperty?: string }).additionalProperty;
    if (extra) return `unknown ${where === 'querystring' ? 'parameter' : 'field'} ${extra}`;
    return `${field || where} ${v.message ?? 'is invalid'}`;
  });
  return `Invalid ${where}: ${parts.join('; ')}.`;
}

/** The router's own errors (bad URL encoding, a path segment over the length limit), in our shape. */
export function answerFrameworkError(error: FastifyError, reply: FastifyReply): void {
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply
    .status(status)
    .send(
      errorBody(
        CODE_BY_STATUS[status] ?? 'bad_request',
        `The request path is not valid (${error.code ?? 'bad URL'}); check its length and encoding.`,
      ),
    );
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers over the size limit, a
 * request that takes too long to arrive, bytes that are not HTTP): answered in the same error shape.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message]: [number, ErrorCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'header_too_large', 'The request headers are too large; send fewer or shorter ones.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'The request took too long to arrive; send it again.']
        : [400, 'bad_request', 'The request is not valid HTTP.'];
  const body = JSON.stringify(errorBody(code, message));
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  socket.destroy(error);
}
