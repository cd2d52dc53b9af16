// One closed vocabulary of errors for every layer below the API server. Only the API server turns
// them into Kubernetes Status objects (see apiserver/status.ts), so the store and the components
// never speak HTTP.

export type ErrorCode =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'Unauthorized'
  | 'Expired'
  | 'Gone'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'TooManyRequests'
  | 'Timeout'
  | 'InternalError'
  | 'ServiceUnavailable';

/** HTTP status for each code, as Kubernetes answers it. */
export const httpStatusOf: Record<ErrorCode, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  Unauthorized: 401,
  Expired: 410,
  Gone: 410,
  MethodNotAllowed: 405,
  NotAcceptable: 406,
  UnsupportedMediaType: 415,
  RequestEntityTooLarge: 413,
  TooManyRequests: 429,
  Timeout: 504,
  InternalError: 500,
  ServiceUnavailable: 503,
};

/** One field-level problem, as Kubernetes reports it in Status.details.causes. */
export interface Cause {
  reason: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueDuplicate' | 'FieldValueNotFound' | 'FieldValueNotSupported' | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueTypeInvalid' | 'FieldManagerConflict' | 'ExitCode' | string;
  message: string;
  field?: string;
}

export interface ErrorDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: Cause[];
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  /** The Status's ListMeta: an expired paged list hands out a token to go on with. */
  readonly listMeta: { continue?: string } | undefined;
  constructor(code: ErrorCode, message: string, details?: ErrorDetails, listMeta?: { continue?: string }) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
    this.listMeta = listMeta;
  }
  get httpStatus(): number {
    return httpStatusOf[this.code];
  }
}

export function isApiError(e: unknown, code?: ErrorCode): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

/** `pods "x" not found`, worded as Kubernetes words it. */
export function notFound(resource: string, name: string, group = ''): ApiError {
  const what = group ? `${resource}.${group}` : resource;
  return new ApiError('NotFound', `${what} "${name}" not found`, { name, kind: resource, ...(group ? { group } : {}) });
}

export function alreadyExists(resource: string, name: string, group = ''): ApiError {
  const what = group ? `${resource}.${group}` : resource;
  return new ApiError('AlreadyExists', `${what} "${name}" already exists`, { name, kind: resource, ...(group ? { group } : {}) });
}

export function conflict(resource: string, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again', group = ''): ApiError {
  const what = group ? `${resource}.${group}` : resource;
  return new ApiError('Conflict', `Operation cannot be fulfilled on ${what} "${name}": ${why}`, { name, kind: resource, ...(group ? { group } : {}) });
}

/** `pods "x" is forbidden: why` (no name: `pods is forbidden: why`), as NewForbidden words it. */
export function forbidden(resource: string, name: string | undefined, why: string, group = ''): ApiError {
  const what = group ? `${resource}.${group}` : resource;
  return new ApiError('Forbidden', `${name ? `${what} "${name}"` : what} is forbidden: ${why}`, { ...(name ? { name } : {}), ...(group ? { group } : {}), kind: resource });
}

/** A 422 built from field causes: `Pod "x" is invalid: [a: b, c: d]`. */
export function invalid(kind: string, name: string, causes: Cause[], group = ''): ApiError {
  const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const list = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  const what = group ? `${kind}.${group}` : kind;
  return new ApiError('Invalid', `${what} "${name}" is invalid: ${list}`, { name, kind, ...(group ? { group } : {}), causes });
}
