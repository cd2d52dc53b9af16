import { ApiError } from '../../api/errors.js';
import type { UserInfo } from '../auth/identity.js';

/** What a registry call knows of its request. */
export interface RequestContext {
  user: UserInfo;
  dryRun: boolean;
  fieldManager?: string;
  /** The caller's User-Agent header: the default field manager. */
  userAgent?: string;
  /** Set by server-side apply, which records its own managedFields entry. */
  applied?: boolean;
  /** 'Strict' | 'Warn' | 'Ignore' (the fieldValidation query parameter). */
  fieldValidation: string;
  /** Warnings to return in Warning headers. */
  warnings: string[];
  /** Annotations for the request's audit event (set when an audit log records it). */
  auditAnnotations?: Record<string, string>;
}

/** Only "All" is a dry-run value kube-apiserver knows. */
export function checkDryRun(values: string[]): void {
  if (values.some((d) => d !== 'All')) throw new ApiError('BadRequest', `Invalid dryRun value: ${values.join(',')}; only "All" is supported`);
}
