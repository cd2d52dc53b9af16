// What differs between kinds, as hooks the generic REST store calls: defaults, validation, what an
// update may touch, and how deletion proceeds. One object per kind, in registry/kinds/.

import type { Cause } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import type { RequestContext } from './context.js';
import type { Printer } from '../../api/tables/printers.js';

/** A subresource that writes one part of the object (pods/ephemeralcontainers, pods/resize): what it keeps, what it checks. */
export interface SubresourceWrite {
  /** Everything the subresource may not change comes back from old. */
  prepare(obj: KObject, old: KObject): void;
  validate(obj: KObject, old: KObject): Cause[];
}

export interface Strategy {
  /** Defaults and resets on create (e.g. status is not the client's to set for most kinds). */
  prepareForCreate(obj: KObject): void;
  /**
   * For kinds whose admission adds fields (Pods): what decoding the body fills in, before admission. The
   * writer's managedFields entry is taken right after it, so it never claims what admission added.
   */
  decodeDefaults?(obj: KObject): void;
  validateCreate(obj: KObject): Cause[];
  /** On an update of the main resource: what must come from the old object (usually status). */
  prepareForUpdate(obj: KObject, old: KObject): void;
  validateUpdate(obj: KObject, old: KObject): Cause[];
  /** On an update through /status: everything but status comes from the old object. */
  prepareForStatusUpdate(obj: KObject, old: KObject): void;
  validateStatusUpdate(obj: KObject, old: KObject): Cause[];
  /** Writes through subresources other than status, by subresource name. */
  subresourceWrites?: Record<string, SubresourceWrite>;
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
   * Takes what the object holds cluster-wide (a Service's cluster IP and node ports) after validation,
   * filling in what it left for the server to choose; throws when that cannot be had. The returned hold
   * is released once the write is stored or abandoned; claim(), when there, is awaited just before the
   * store write (not on a dry run): it makes the hold cluster-wide, and may change what it filled in.
   */
  allocate?(obj: KObject, old: KObject | null): { claim?(): Promise<void>; release(): void };
  /** Whether an update took the last finalizer off obj (metadata.finalizers unless the kind has others: Namespaces). */
  isFinalized?(obj: KObject, old: KObject): boolean;
  /** Extra permission check for the caller (node restriction); throws Forbidden. */
  admit?(verb: string, obj: KObject | null, old: KObject | null, ctx: RequestContext, subresource?: string): void;
  /** Admission on create that may wait for another object (a Pod's ServiceAccount); runs after admit. */
  admitCreate?(obj: KObject): Promise<void>;
  /** Admission on create of a validated object that may write elsewhere (ResourceQuota's usage); runs last. */
  admitValidated?(obj: KObject, ctx: RequestContext): Promise<void>;
  /** The same for an update of the main resource or a subresource that writes part of it (a Pod's resize). */
  admitValidatedUpdate?(obj: KObject, old: KObject, ctx: RequestContext, subresource?: string): Promise<void>;
  /** Paths of the fields the kind's schema does not know, when not the built-in schemas' (custom resources). */
  unknownFields?(obj: KObject): string[];
  /** The Table printer, when not the built-in one for the kind (custom resources). */
  printer?: Printer;
  /** Where the scale subresource reads and writes replicas, when not spec.replicas (custom resources). */
  scale?: ScalePaths;
}

/** JSONPaths of a custom resource's scale subresource (CustomResourceSubresourceScale). */
export interface ScalePaths {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}
