/**
 * Every error the API returns has one shape: `{ error: { code, message } }`.
 * Codes are stable: clients translate them, so never rename one.
 */
export const errorStatus = {
  validation_failed: 400,
  password_rejected: 400,
  malformed_json: 400,
  unknown_question: 400,
  invalid_answer: 400,
  unauthenticated: 401,
  second_factor_required: 401,
  second_factor_wrong: 401,
  response_key_invalid: 401,
  csrf_failed: 403,
  password_wrong: 403,
  second_factor_missing: 403,
  forbidden: 403,
  token_invalid: 404,
  not_found: 404,
  link_invalid: 404,
  study_not_found: 404,
  survey_not_found: 404,
  wave_not_open: 409,
  wave_closed: 409,
  already_completed: 409,
  response_completed: 409,
  submission_conflict: 409,
  conflict: 409,
  setup_done: 409,
  breaking_changes: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  required_missing: 422,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  storage_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export function errorBody(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}
