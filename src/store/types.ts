// The store contract: keys to bytes with one global revision, like kine over SQL or etcd itself.
// Kubernetes semantics live above it, in apiserver/registry.

export interface KV {
  key: string;
  value: Uint8Array;
  /** Revision at which this key was created (etcd's create_revision). */
  createRevision: number;
  /** Revision of the last write to this key; it is the object's resourceVersion. */
  modRevision: number;
}

export interface ListResult {
  kvs: KV[];
  /** The store revision the list was read at (opts.revision when one was asked for). */
  revision: number;
  /** True when `limit` cut the list short. */
  more: boolean;
  /** With opts.count: keys the range holds beyond the ones returned (etcd's count less the page). */
  remaining?: number;
}

export interface ListOptions {
  limit?: number;
  /** Return keys strictly greater than this one (pagination). */
  after?: string;
  /**
   * Read the snapshot as it was at this revision (etcd's range WithRev): how the pages of one paged
   * list stay one snapshot. Expired when history below it was compacted away; 0 is the current one.
   */
  revision?: number;
  /** Also count what lies beyond the page (a second pass over the range: ask only when shown). */
  count?: boolean;
}

export interface StoreEvent {
  type: 'put' | 'delete';
  kv: KV;
  /** The value before this write, absent on create. */
  prevKv?: KV;
}

/** A watch's mark that every change up to `revision` has been delivered (etcd's progress notification). */
export interface StoreProgress {
  type: 'progress';
  revision: number;
}

/** A watch that marks its progress, in order with its changes, when asked to. */
export interface ProgressWatch extends AsyncIterable<StoreEvent | StoreProgress> {
  /** Asks for a progress mark at the store's current revision (etcd's WatchProgressRequest). */
  requestProgress(): void;
}

/** What every backend is opened with. */
export interface StoreOptions {
  /** Revisions of history kept for watches from the past (default 10,000). */
  retainRevisions?: number;
  /** How often history is compacted (default 30 s); 0 disables the timer. */
  compactIntervalMs?: number;
  /** Bytes one write may carry (default etcd's 1.5 MiB). */
  maxRequestBytes?: number;
}

/** etcd's default --max-request-bytes: the same cluster on etcd would refuse anything larger. */
export const DEFAULT_MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;

export interface Backend {
  /**
   * Bytes one write may carry, key and value together (etcd's --max-request-bytes, 1.5 MiB by
   * default); a larger create or update fails TooLarge and writes nothing.
   */
  readonly maxRequestBytes: number;
  get(key: string): Promise<KV | null>;
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  /** Fails with AlreadyExists when the key exists. Resolves with the new revision once durable. */
  create(key: string, value: Uint8Array): Promise<number>;
  /** Compare-and-swap on the key's modRevision; Conflict when it moved, NotFound when gone. */
  update(key: string, value: Uint8Array, expectRevision: number): Promise<number>;
  /** Deletes, optionally only at an expected revision. Resolves with the revision of the deletion. */
  delete(key: string, expectRevision?: number): Promise<number>;
  /** Every change under prefix after fromRevision, in order. Expired when fromRevision is compacted. */
  watch(prefix: string, fromRevision: number, signal: AbortSignal): AsyncIterable<StoreEvent>;
  revision(): Promise<number>;
  /**
   * Other API servers write this store too (etcd): a watch cache may lag their acknowledged writes by
   * milliseconds, so a consistent read must first catch up with the store (progressWatch) or read it.
   */
  readonly shared?: boolean;
  /** As watch, with progress marks on request; absent where the store cannot mark progress reliably. */
  progressWatch?(prefix: string, fromRevision: number, signal: AbortSignal): ProgressWatch;
  /** Forget history at or below rev; the newest value of every key is kept. */
  compact(rev: number): Promise<void>;
  close(): Promise<void>;
}

/** Store-level errors, mapped to Kubernetes Status by the API server. */
export class StoreError extends Error {
  constructor(readonly code: 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Expired' | 'TooLarge', message: string, readonly currentRevision?: number) {
    super(message);
    this.name = 'StoreError';
  }
}
