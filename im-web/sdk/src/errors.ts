/** Error codes of PROTOCOL.md section 3 (the server's `ErrorCode`). */
export const ErrorCode = {
  OK: 0, BAD_REQUEST: 1000, UNAUTHENTICATED: 1001, FORBIDDEN: 1003, NOT_FOUND: 1004,
  RECALL_WINDOW_EXPIRED: 1005, MUTED: 1006, TOO_LARGE: 1009, RATE_LIMITED: 1429, INTERNAL: 1500, BUSY: 1503,
} as const;

/** Not a server code: the SDK had no live session to carry the request. */
export const NOT_CONNECTED = -1;
/** Not a server code: no answer within the request timeout. */
export const TIMED_OUT = -2;

/** A refusal with the server's own code and message (or one of the SDK's negative codes). */
export class ImError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message || `error ${code}`);
    this.name = 'ImError';
    this.code = code;
  }
}

/** An HTTP API refusal: the HTTP status plus the body's `{code, message}`. */
export class ApiError extends ImError {
  readonly status: number;
  constructor(status: number, code: number, message: string) {
    super(code, message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** The server's own words for a refusal with its code, for a message shown to a person. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) return `${e.message} (code ${e.code}, HTTP ${e.status})`;
  if (e instanceof ImError) return `${e.message} (code ${e.code})`;
  return e instanceof Error ? e.message : String(e);
}
