// The one error type of the domain. Each code maps to an HTTP status and a problem type in one
// place (lib/errors/problem.ts), so an API client and a page both learn what went wrong.
export const errorStatuses = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type TErrorCode = keyof typeof errorStatuses;

export type TFieldError = { field: string; message: string; index?: number };

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly fieldErrors: TFieldError[];
  readonly extra: Record<string, unknown>;

  constructor(code: TErrorCode, message: string, options: { fieldErrors?: TFieldError[]; extra?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options.fieldErrors ?? [];
    this.extra = options.extra ?? {};
  }

  get status(): number {
    return errorStatuses[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
