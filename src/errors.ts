/**
 * The error catalogue: every error the app raises on purpose has a stable code, a message, whether a
 * retry may help, and the HTTP status it maps to. docs/errors.md lists the codes; a test keeps them in sync.
 */
export interface ErrorSpec {
  message: string;
  status: number;
  retryable: boolean;
}

export const errorCatalogue = {
  SUPPORT_ERR_CONFIG_INVALID: { message: 'The configuration is invalid', status: 500, retryable: false },
  SUPPORT_ERR_FLOWS_INVALID: {
    message: 'A flow, policy or knowledge-base file is invalid',
    status: 500,
    retryable: false,
  },
  SUPPORT_ERR_VALIDATION: { message: 'The request is malformed', status: 400, retryable: false },
  SUPPORT_ERR_NOT_FOUND: { message: 'No such route', status: 404, retryable: false },
  SUPPORT_ERR_INTERNAL: { message: 'Internal error', status: 500, retryable: true },
  SUPPORT_ERR_UNAVAILABLE: {
    message: 'The process is shutting down: retry shortly',
    status: 503,
    retryable: true,
  },
  SUPPORT_ERR_RECORD_UNAVAILABLE: {
    message: 'The record (PostgreSQL) is not available to this process: retry shortly',
    status: 503,
    retryable: true,
  },
  SUPPORT_ERR_AUTH_REQUIRED: { message: 'A valid bearer token is required', status: 401, retryable: false },
  SUPPORT_ERR_FORBIDDEN: { message: 'Your role or team does not allow this', status: 403, retryable: false },
  SUPPORT_ERR_CASE_NOT_FOUND: { message: 'No case with that reference', status: 404, retryable: false },
  SUPPORT_ERR_CASE_NOT_OWNER: { message: 'You do not own this case', status: 403, retryable: false },
  SUPPORT_ERR_CASE_OPEN: {
    message: 'The customer already has an open case: continue on it',
    status: 409,
    retryable: false,
  },
  SUPPORT_ERR_CASE_TRANSITION: {
    message: 'The case cannot move to that status from its current one',
    status: 409,
    retryable: false,
  },
  SUPPORT_ERR_QUOTE_NOT_ACCEPTED: {
    message: 'A paid repair is dispatched only after the customer accepted its quote',
    status: 409,
    retryable: false,
  },
  SUPPORT_ERR_QUOTE_STATE: {
    message: 'The quote cannot be sent in its current state',
    status: 409,
    retryable: false,
  },
  SUPPORT_ERR_EMAIL_OFF: {
    message: 'Email is not configured on this server (no SMTP settings)',
    status: 409,
    retryable: false,
  },
  SUPPORT_ERR_CONTRACT_NOT_FOUND: { message: 'No contract with that number', status: 404, retryable: false },
  SUPPORT_ERR_CONTRACT_ENDED: {
    message: 'The contract has already ended',
    status: 409,
    retryable: false,
  },
  SUPPORT_ERR_IMPORT_INVALID: {
    message: 'The import file has invalid lines; nothing was imported',
    status: 400,
    retryable: false,
  },
  SUPPORT_ERR_STAFF_EXISTS: {
    message: 'A staff member with that name exists',
    status: 409,
    retryable: false,
  },
  SUPPORT_ERR_STAFF_NOT_FOUND: { message: 'No staff member with that name', status: 404, retryable: false },
  SUPPORT_ERR_STAFF_DISABLED: {
    message: 'That staff member is disabled and cannot take cases',
    status: 409,
    retryable: false,
  },
  SUPPORT_ERR_WEBHOOK_SIGNATURE: {
    message: 'The webhook signature is missing or wrong',
    status: 403,
    retryable: false,
  },
  SUPPORT_ERR_WEBHOOK_PAYLOAD: {
    message: 'The webhook payload is missing required fields',
    status: 400,
    retryable: false,
  },
  SUPPORT_ERR_RATE_LIMITED: {
    message: 'Too many requests; wait and try again',
    status: 429,
    retryable: true,
  },
  SUPPORT_ERR_SEND_PERMANENT: {
    message: 'The channel refused the message for good',
    status: 502,
    retryable: false,
  },
  SUPPORT_ERR_SEND_TEMPORARY: {
    message: 'The channel failed to take the message; it will be retried',
    status: 503,
    retryable: true,
  },
  SUPPORT_ERR_CHANNEL_UNKNOWN: {
    message: 'No sender is registered for that channel',
    status: 500,
    retryable: false,
  },
  SUPPORT_ERR_OPTED_OUT: {
    message: 'The customer opted out of messages on this channel',
    status: 409,
    retryable: false,
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalogue;

/** An error with a catalogue code; `detail` replaces the generic message. */
export class SupportError extends Error {
  readonly status: number;
  readonly retryable: boolean;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    const spec: ErrorSpec = errorCatalogue[code];
    super(detail ?? spec.message);
    this.name = 'SupportError';
    this.status = spec.status;
    this.retryable = spec.retryable;
  }
}

export function isSupportError(error: unknown, code?: ErrorCode): error is SupportError {
  return error instanceof SupportError && (code === undefined || error.code === code);
}
