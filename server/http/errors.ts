import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, errorBody, errorStatus, type ErrorCode } from '../errors.ts';
import { describeValidation, type ValidationIssue } from './validation-message.ts';

const storageFailures = /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|CORRUPT)/;

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
    const sqliteCode = (error as { code?: unknown }).code;
    if (typeof sqliteCode === 'string' && storageFailures.test(sqliteCode)) {
      request.log.error({ code: sqliteCode }, 'storage failure');
      return reply.status(errorStatus.storage_unavailable).send(errorBody('storage_unavailable', 'Your answers could not be stored right now. They are kept; please try again.'));
    }
    const status = fastifyError.statusCode && fastifyError.statusCode >= 400 ? fastifyError.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: { message: error.message, stack: error.stack } }, 'unexpected error');
      return reply.status(status).send(errorBody('internal_error', 'Something went wrong on our side.'));
    }
    const code = codeForStatus(status);
    return reply.status(status).send(errorBody(code, error.message));
  });
}
