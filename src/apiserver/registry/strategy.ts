// What differs between kinds, as hooks the generic REST store calls: defaults, validation, what an
// update may touch, and how deletion proceeds. One object per kind, in registry/kinds/.

import type { Cause } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import type { RequestContext } from './context.js';

export interface Strategy {
  /** Defaults and resets on create (e.g. status is not the client's to set for most kinds). */
  prepareForCreate(obj: KObject): void;
  validateCreate(obj: KObject): Cause[];
  /** On an update of the main resource: what must come from the old object (usually status). */
  prepareForUpdate(obj: KObject, old: KObject): void;
  validateUpdate(obj: KObject, old: KObject): Cause[];
  /** On an update through /status: everything but status comes from the old object. */
  prepareForStatusUpdate(obj: KObject, old: KObject): void;
  validateStatusUpdate(obj: KObject, old: KObject): Cause[];
  /** PUT of a missing object creates it (events, leases). */
  allowCreateOnUpdate: boolean;
  /** Unconditional updates (no resourceVersion in the body) are allowed. */
  allowUnconditionalUpdate: boolean;
  /**
   * Seconds of grace before the object is really removed, or 0 to remove it now.
   * Only kinds with graceful deletion (Pods) return more than 0.
   */
  deletionGrace(obj: KObject, requested: number | undefined): number;
  /**
   * Subresources that write part of the object (pods/resize): prepare takes from the old object what
   * the subresource may not change, validate gives its rules.
   */
  partialUpdates?: Record<string, { prepare(obj: KObject, old: KObject): void; validate(obj: KObject, old: KObject): Cause[] }>;
  /** Extra permission check for the caller (node restriction); throws Forbidden. */
  admit?(verb: string, obj: KObject | null, old: KObject | null, ctx: RequestContext, subresource?: string): void;
}
