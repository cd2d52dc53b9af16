import type { UserInfo } from '../auth/identity.js';

/** What a registry call knows of its request. */
export interface RequestContext {
  user: UserInfo;
  dryRun: boolean;
  fieldManager?: string;
  /** 'Strict' | 'Warn' | 'Ignore' (the fieldValidation query parameter). */
  fieldValidation: string;
  /** Warnings to return in Warning headers. */
  warnings: string[];
}
