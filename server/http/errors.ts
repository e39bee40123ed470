import type { FastifyError, FastifyInstance } from 'fastify';
import { driverError } from '../db/driver-error.ts';
import { AppError, errorBody, errorStatus, type ErrorCode } from '../errors.ts';
import { describeValidation, type ValidationIssue } from './validation-message.ts';

/**
 * Storage that cannot take a write now, so the client keeps the answers and retries: SQLite's
 * result codes; PostgreSQL's SQLSTATEs for connection errors (08), a full disk or memory (53), a
 * server shutting down (57P01-57P03) and a read-only standby (25006); a server refusing or
 * resetting the connection.
 */
const storageFailures = /^(SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|CORRUPT)|08...$|53...$|57P0[123]$|25006$|ECONNREFUSED$|ECONNRESET$)/;

/**
 * node-postgres's own errors, which carry no code, only these fixed messages: a connection that
 * ended without a word from the server (a network cut, a crashed server), mid-query or before; no
 * connection within `connectTimeoutMs`, because the pool's connections were all busy that long or
 * the server did not answer a new one.
 */
const connectionFailures = new Map([
  ['Connection terminated unexpectedly', 'connection lost'],
  ['Client has encountered a connection error and is not queryable', 'connection lost'],
  ['timeout exceeded when trying to connect', 'connection timeout'],
  ['Connection terminated due to connection timeout', 'connection timeout'],
]);

/** The code of a storage failure the client should retry (see above), for the log; undefined for any other error. */
function storageFailure(failure: Error): string | undefined {
  const code = (failure as { code?: unknown }).code;
  if (typeof code === 'string' && storageFailures.test(code)) return code;
  return connectionFailures.get(failure.message);
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 404:
      return 'not_found';
    case 413:
      return 'body_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    default:
      return status >= 500 ? 'internal_error' : 'validation_failed';
  }
}

/** Turns every error into the one JSON shape with a stable code. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const { message, details } = describeValidation(fastifyError.validation[0] as ValidationIssue | undefined);
      return reply.status(400).send(errorBody('validation_failed', message, { ...details }));
    }
    if (fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error instanceof SyntaxError && fastifyError.statusCode === 400)) {
      return reply.status(400).send(errorBody('malformed_json', 'The request body is not valid JSON.'));
    }
    // drizzle wraps a failed PostgreSQL query with its parameters in the message: the respondent's
    // answers must not reach the log, so only the driver's error is looked at and logged.
    const failure = driverError(error);
    const storageCode = storageFailure(failure);
    if (storageCode) {
      request.log.error({ code: storageCode }, 'storage failure');
      return reply.status(errorStatus.storage_unavailable).send(errorBody('storage_unavailable', 'Your answers could not be stored right now. They are kept; please try again.'));
    }
    const status = fastifyError.statusCode && fastifyError.statusCode >= 400 ? fastifyError.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: { message: failure.message, stack: failure.stack } }, 'unexpected error');
      return reply.status(status).send(errorBody('internal_error', 'Something went wrong on our side.'));
    }
    const code = codeForStatus(status);
    return reply.status(status).send(errorBody(code, error.message));
  });
}
