// The generic REST storage every resource shares: create, get, list, update, delete and watch over
// the store and its watch cache, with Kubernetes' rules for names, resourceVersions, conflicts and
// graceful deletion. What differs per kind comes from its Strategy.

import { randomUUID, randomBytes } from 'node:crypto';
import { ApiError, alreadyExists, conflict, invalid, notFound, type Cause } from '../../api/errors.js';
import type { ResourceInfo } from '../../api/schema/resources.js';
import { apiVersionOf } from '../../api/schema/resources.js';
import type { KList, KObject } from '../../api/types.js';
import type { Backend } from '../../store/types.js';
import { StoreError } from '../../store/types.js';
import { Entry, WatchCache } from '../watchcache/cache.js';
import { atRevision, serialize, type Serialized } from '../watchcache/serialized.js';
import type { RequestContext } from './context.js';
import { recordWrite } from './managed-fields.js';
import { deepEqual } from '../../api/patch/json-patch.js';
import { decodeContinue, expiredContinue, LATEST } from './continue.js';
import { PageBuilder, type ListPage } from './page.js';
import { objectKey, resourcePrefix, scanPrefix } from './keys.js';
import type { Strategy } from './strategy.js';
import { finalizersFor, type PropagationPolicy } from './propagation.js';
import { rfc3339 } from '../../api/time.js';

export interface ListOptions {
  labelMatch?: (o: KObject) => boolean;
  fieldMatch?: (o: KObject) => boolean;
  limit?: number;
  continue?: string;
  /** "" / undefined = latest, "0" = any, "N" = not older than N. */
  resourceVersion?: string;
  /**
   * The latest even on a store other API servers write too (a client's list without resourceVersion):
   * the cache catches up with the store first, or the store is read. Callers inside the server read
   * what this server's cache holds.
   */
  consistent?: boolean;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: Preconditions;
  propagationPolicy?: PropagationPolicy;
  /** The subresource the deletion came through ('eviction'), for admission. */
  subresource?: string;
}

/** Namespace lookups the registry needs before it lets an object in. */
export interface NamespaceGate {
  /** Throws NotFound or Forbidden when objects cannot be created in ns. */
  checkCreate(ns: string, resource: string, name: string, group?: string): void;
}

const encoder = new TextEncoder();

export function decodeStored(value: Uint8Array, rev: number): KObject {
  const obj = JSON.parse(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8')) as KObject;
  obj.metadata.resourceVersion = String(rev);
  return obj;
}

export function nameSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const bytes = randomBytes(5);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

/** A continued page whose snapshot was compacted away: 410 with a token to go on at the latest revision. */
function rethrowExpired(after: string, prefix: string): (e: unknown) => never {
  return (e) => {
    throw e instanceof StoreError && e.code === 'Expired' ? expiredContinue(after, prefix) : e;
  };
}

function storeErrorToApi(e: unknown, r: ResourceInfo, name: string): unknown {
  if (!(e instanceof StoreError)) return e;
  switch (e.code) {
    case 'AlreadyExists':
      return alreadyExists(r.plural, name, r.group);
    case 'NotFound':
      return notFound(r.plural, name, r.group);
    case 'Conflict':
      return conflict(r.plural, name, undefined, r.group);
    case 'Expired':
      return new ApiError('Expired', e.message);
    case 'TooLarge':
      return new ApiError('RequestEntityTooLarge', e.message);
  }
}

export function parseResourceVersion(rv: string | undefined, what = 'resourceVersion'): number | undefined {
  if (rv === undefined || rv === '') return undefined;
  if (!/^\d+$/.test(rv)) throw new ApiError('BadRequest', `invalid ${what}: ${rv}`);
  return Number(rv);
}

/** What a write or deletion may require of the stored object (DeleteOptions.preconditions, a Binding's uid). */
export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

function checkPreconditions(pre: Preconditions | undefined, old: KObject, r: ResourceInfo, name: string): void {
  if (pre?.uid && pre.uid !== old.metadata.uid) {
    throw conflict(r.plural, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`, r.group);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
    throw conflict(r.plural, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`, r.group);
  }
}

/**
 * Equal as stored (s is the new object's serialisation): JSON drops undefined members, and a member's
 * place in its object does not count (a PUT's managedFields land last). Members moved about keep the
 * text's length, so a write that changed anything rarely pays for more than the string compare.
 */
function unchanged(s: Serialized, current: Entry): boolean {
  const json = atRevision(s, current.rev);
  if (json === current.json) return true;
  return json.length === current.json.length && deepEqual(JSON.parse(json), current.obj);
}

export class RestStorage {
  readonly resource: ResourceInfo;
  readonly cache: WatchCache;
  readonly #backend: Backend;
  readonly #strategy: Strategy;
  readonly #decode: (value: Uint8Array, rev: number) => KObject;
  #namespaces: NamespaceGate | null = null;

  /** convert: how a stored object reads at this endpoint (a custom resource's other versions). */
  constructor(resource: ResourceInfo, backend: Backend, strategy: Strategy, historySize?: number, convert?: (obj: KObject) => KObject) {
    this.resource = resource;
    this.#backend = backend;
    this.#strategy = strategy;
    const decode = convert ? (v: Uint8Array, rev: number) => convert(decodeStored(v, rev)) : decodeStored;
    this.#decode = decode;
    this.cache = new WatchCache(backend, resourcePrefix(resource), { decode: (v, _k, rev) => decode(v, rev), historySize });
  }

  set namespaceGate(g: NamespaceGate) {
    this.#namespaces = g;
  }

  get strategy(): Strategy {
    return this.#strategy;
  }

  get #hasStatus(): boolean {
    return this.resource.subresources.includes('status');
  }

  #key(ns: string | undefined, name: string): string {
    return objectKey(this.resource, ns, name);
  }

  /** Fills apiVersion/kind the way clients see them on this endpoint. */
  #typed(obj: KObject): KObject {
    return { apiVersion: apiVersionOf(this.resource), kind: this.resource.kind, ...obj };
  }

  #checkTypeMeta(obj: KObject): void {
    const want = apiVersionOf(this.resource);
    if (obj.apiVersion !== undefined && obj.apiVersion !== want) {
      throw new ApiError('BadRequest', `the API version in the data (${obj.apiVersion}) does not match the expected API version (${want})`);
    }
    if (obj.kind !== undefined && obj.kind !== this.resource.kind) {
      throw new ApiError('BadRequest', `the kind in the data (${obj.kind}) does not match the expected kind (${this.resource.kind})`);
    }
  }

  #checkNamespace(obj: KObject, ns: string | undefined): void {
    if (!this.resource.namespaced) {
      delete obj.metadata.namespace;
      return;
    }
    if (obj.metadata.namespace && ns && obj.metadata.namespace !== ns) {
      throw new ApiError('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = ns ?? obj.metadata.namespace;
  }

  #invalid(obj: KObject, causes: Cause[]): ApiError {
    return invalid(this.resource.kind, obj.metadata.name ?? '', causes, this.resource.group);
  }

  get(ns: string | undefined, name: string): KObject {
    const e = this.cache.get(this.#key(ns, name));
    if (!e) throw notFound(this.resource.plural, name, this.resource.group);
    return e.obj;
  }

  getEntry(ns: string | undefined, name: string): Entry | undefined {
    return this.cache.get(this.#key(ns, name));
  }

  /**
   * A client's read of one object. Without resourceVersion the latest, even when another API server on
   * the same store wrote it a moment ago: from the cache once it has caught up with the store; where the
   * store cannot say when that is, from the store itself (as upstream does on an etcd that cannot).
   * With one, what this server's cache holds.
   */
  async read(ns: string | undefined, name: string, resourceVersion?: string): Promise<Entry> {
    const key = this.#key(ns, name);
    if (resourceVersion || (await this.cache.sync())) {
      const e = this.cache.get(key);
      if (!e) throw notFound(this.resource.plural, name, this.resource.group);
      return e;
    }
    const kv = await this.#backend.get(key);
    if (!kv) throw notFound(this.resource.plural, name, this.resource.group);
    const cached = this.cache.get(key);
    return cached?.rev === kv.modRevision ? cached : new Entry(key, this.#decode(kv.value, kv.modRevision), kv.modRevision);
  }

  /** The JSON of an object just returned by a write: the cache's serialisation when it is that object. */
  jsonOf(obj: KObject): string {
    const ns = this.resource.namespaced ? obj.metadata.namespace : undefined;
    const e = this.cache.get(this.#key(ns, obj.metadata.name ?? ''));
    return e && e.obj === obj ? e.json : JSON.stringify(obj);
  }

  typed(obj: KObject): KObject {
    return this.#typed(obj);
  }

  async create(ns: string | undefined, body: KObject, ctx: RequestContext): Promise<KObject> {
    this.#checkTypeMeta(body);
    // The body is the caller's to give away (a fresh decode): no copy on the hot path.
    const obj = this.#typed(body);
    obj.metadata = { ...(obj.metadata ?? {}) };
    this.#checkNamespace(obj, ns);
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = obj.metadata.generateName + nameSuffix();
    if (!obj.metadata.name) {
      throw this.#invalid(obj, [{ reason: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
    }
    if (obj.metadata.resourceVersion) {
      throw new ApiError('BadRequest', 'resourceVersion should not be set on objects to be created');
    }
    if (this.resource.namespaced && obj.metadata.namespace) this.#namespaces?.checkCreate(obj.metadata.namespace, this.resource.plural, obj.metadata.name, this.resource.group);
    // The field manager sees the object as decoded, before admission adds to it, as upstream's does.
    const decoded = this.#strategy.decodeDefaults;
    if (decoded) {
      decoded(obj);
      recordWrite(undefined, obj, ctx, this.#hasStatus);
    }
    this.#strategy.admit?.('create', obj, null, ctx);
    await this.#strategy.admitCreate?.(obj);
    const meta = obj.metadata;
    meta.uid = randomUUID();
    meta.creationTimestamp = rfc3339();
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if ('spec' in obj) meta.generation = 1;
    this.#strategy.prepareForCreate(obj);
    const causes = this.#strategy.validateCreate(obj);
    if (causes.length) throw this.#invalid(obj, causes);
    await this.#strategy.admitValidated?.(obj, ctx);
    const held = this.#strategy.allocate?.(obj, null);
    try {
      if (!decoded) recordWrite(undefined, obj, ctx, this.#hasStatus);
      if (ctx.dryRun) return obj;
      await held?.claim?.();
      return this.#stored(obj, await this.#persist(obj, (bytes) => this.#backend.create(this.#key(meta.namespace, meta.name!), bytes)));
    } finally {
      held?.release();
    }
  }

  /** Encodes (unless s is obj's serialisation already) and writes obj, letting the watch cache adopt it; resolves with the new revision. */
  async #persist(obj: KObject, write: (bytes: Uint8Array) => Promise<number>, s = serialize(obj)): Promise<number> {
    const bytes = encoder.encode(s.text);
    this.cache.adopt(bytes, obj, s);
    const rev = await write(bytes).catch((e) => {
      throw storeErrorToApi(e, this.resource, obj.metadata.name ?? '');
    });
    await this.cache.waitFor(rev);
    return rev;
  }

  /** The object as stored at rev: the cache's own copy when it adopted ours. */
  #stored(obj: KObject, rev: number): KObject {
    // The cache, having adopted obj, set it already; an in-process informer may have frozen it since.
    if (obj.metadata.resourceVersion !== String(rev)) obj.metadata.resourceVersion = String(rev);
    return obj;
  }

  /**
   * Replaces the object (PUT). `subresource` 'status' keeps everything but status from the stored
   * object; the main resource keeps status. Returns the stored object and whether it was created.
   */
  async update(ns: string | undefined, name: string, body: KObject, ctx: RequestContext, subresource?: string): Promise<{ obj: KObject; created: boolean }> {
    this.#checkTypeMeta(body);
    const obj = this.#typed(structuredClone(body));
    obj.metadata ??= {};
    if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
      throw new ApiError('BadRequest', `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    }
    obj.metadata.name = name;
    this.#checkNamespace(obj, ns);
    const key = this.#key(ns, name);
    // "0" means unset, as upstream reads it: an unconditional update where the kind allows one.
    const wantRv = parseResourceVersion(obj.metadata.resourceVersion, 'resourceVersion') || undefined;
    const sent = wantRv === undefined ? JSON.stringify(obj) : undefined;
    for (let attempt = 0; ; attempt++) {
      const current = this.cache.get(key);
      if (!current) {
        if (!this.#strategy.allowCreateOnUpdate || subresource) throw notFound(this.resource.plural, name, this.resource.group);
        delete obj.metadata.resourceVersion;
        return { obj: await this.create(ns, obj, ctx), created: true };
      }
      if (wantRv === undefined && !this.#strategy.allowUnconditionalUpdate) {
        throw this.#invalid(obj, [{ reason: 'FieldValueRequired', field: 'metadata.resourceVersion', message: 'Invalid value: 0x0: must be specified for an update' }]);
      }
      if (wantRv !== undefined && wantRv !== current.rev) throw conflict(this.resource.plural, name, undefined, this.resource.group);
      try {
        return { obj: await this.#write(current, attempt ? (this.#typed(JSON.parse(sent!) as KObject)) : obj, ctx, subresource), created: false };
      } catch (e) {
        // An unconditional update that met another write (a controller's, not yet in the cache) goes
        // over the newer object, as upstream's GuaranteedUpdate retries; a pinned one stays a Conflict.
        if (wantRv !== undefined || !(e instanceof ApiError && e.code === 'Conflict' && attempt < 10)) throw e;
        await this.#catchUp(key);
      }
    }
  }

  /** Writes obj over current after the strategy's rules; a no-op write returns the stored object. */
  async #write(current: Entry, obj: KObject, ctx: RequestContext, subresource?: string): Promise<KObject> {
    const old = current.obj;
    const meta = obj.metadata;
    // What no client may change through an update.
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    meta.namespace = old.metadata.namespace;
    meta.deletionTimestamp = old.metadata.deletionTimestamp;
    meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    if (meta.deletionTimestamp === undefined) delete meta.deletionTimestamp;
    if (meta.deletionGracePeriodSeconds === undefined) delete meta.deletionGracePeriodSeconds;
    meta.generation = old.metadata.generation;
    if (meta.generation === undefined) delete meta.generation;
    let held: { claim?(): Promise<void>; release(): void } | undefined;
    if (subresource === 'status') {
      // Admission sees the object as the client sent it, before the strategy resets what it may not change.
      this.#strategy.admit?.('update', obj, old, ctx, 'status');
      this.#strategy.prepareForStatusUpdate(obj, old);
      const causes = this.#strategy.validateStatusUpdate(obj, old);
      if (causes.length) throw this.#invalid(obj, causes);
    } else {
      const part = subresource ? this.#strategy.subresourceWrites?.[subresource] : undefined;
      // The scale subresource is admitted as itself (policies see Scales); others write the whole object.
      this.#strategy.admit?.('update', obj, old, ctx, part || subresource === 'scale' ? subresource : undefined);
      if (part) part.prepare(obj, old);
      else this.#strategy.prepareForUpdate(obj, old);
      const causes = part ? part.validate(obj, old) : this.#strategy.validateUpdate(obj, old);
      if (causes.length) throw this.#invalid(obj, causes);
      if (!part) held = this.#strategy.allocate?.(obj, old);
      if ('spec' in obj && JSON.stringify(obj.spec) !== JSON.stringify(old.spec)) meta.generation = (old.metadata.generation ?? 0) + 1;
    }
    if (subresource !== 'status') {
      try {
        await this.#strategy.admitValidatedUpdate?.(obj, old, ctx, subresource);
      } catch (e) {
        held?.release();
        throw e;
      }
    }
    try {
      meta.resourceVersion = old.metadata.resourceVersion;
      recordWrite(old, obj, ctx, this.#hasStatus, subresource);
      return await this.#commit(current, obj, ctx, held?.claim);
    } finally {
      held?.release();
    }
  }

  /** The end of every update: stores obj over current unless nothing changed. */
  async #commit(current: Entry, obj: KObject, ctx: RequestContext, claim?: () => Promise<void>): Promise<KObject> {
    const old = current.obj;
    const meta = obj.metadata;
    const s = serialize(obj);
    if (unchanged(s, current)) return old;
    if (ctx.dryRun) return obj;
    // An object being deleted whose last finalizer went away is removed now.
    const finalized = this.#strategy.isFinalized ? this.#strategy.isFinalized(obj, old) : !(meta.finalizers?.length) && !!old.metadata.finalizers?.length;
    if (old.metadata.deletionTimestamp && finalized && this.#strategy.deletionGrace(obj, undefined) === 0) {
      await this.#remove(current);
      return obj;
    }
    await claim?.();
    return this.#stored(obj, await this.#persist(obj, (bytes) => this.#backend.update(current.key, bytes, current.rev), s));
  }

  /**
   * Read-modify-write with retries on conflict: mutate gets a fresh copy of the stored object and
   * returns the desired object (or throws). Used by PATCH and by server-internal updates.
   */
  async modify(
    ns: string | undefined,
    name: string,
    ctx: RequestContext,
    mutate: (current: KObject) => KObject,
    subresource?: string,
  ): Promise<KObject> {
    for (let attempt = 0; ; attempt++) {
      const current = this.cache.get(this.#key(ns, name));
      if (!current) throw notFound(this.resource.plural, name, this.resource.group);
      // A fresh copy from the cached serialisation (which watchers need anyway): far cheaper than structuredClone.
      const next = mutate(JSON.parse(current.json) as KObject);
      this.#checkTypeMeta(next);
      next.metadata ??= {};
      if (next.metadata.name !== name) throw new ApiError('BadRequest', `the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`);
      const pinned = parseResourceVersion(next.metadata.resourceVersion);
      if (pinned !== undefined && pinned !== current.rev) throw conflict(this.resource.plural, name, undefined, this.resource.group);
      try {
        return await this.#write(current, this.#typed(next), ctx, subresource);
      } catch (e) {
        // Someone wrote in between (the cache had not seen it yet): catch up and patch the newer object. A
        // patch that pinned this resourceVersion then fails its precondition above, as it should.
        if (!(e instanceof ApiError && e.code === 'Conflict' && attempt < 10)) throw e;
        await this.#catchUp(current.key);
      }
    }
  }

  /**
   * A change the server itself makes, as upstream's GuaranteedUpdate: `change` gets a copy of the stored
   * object and returns it changed (or throws), and it is stored as it is, past the strategy's update
   * rules and the field manager (a binding, a namespace's termination, a finalizer the server lifts);
   * when another write came first, the newer object is read and changed again.
   */
  async guaranteedUpdate(ns: string | undefined, name: string, ctx: RequestContext, change: (copy: KObject) => KObject, preconditions?: Preconditions): Promise<KObject> {
    for (let attempt = 0; ; attempt++) {
      const current = this.cache.get(this.#key(ns, name));
      if (!current) throw notFound(this.resource.plural, name, this.resource.group);
      checkPreconditions(preconditions, current.obj, this.resource, name);
      const next = this.#typed(change(JSON.parse(current.json) as KObject));
      next.metadata.resourceVersion = current.obj.metadata.resourceVersion;
      try {
        return await this.#commit(current, next, ctx);
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'Conflict' && attempt < 10)) throw e;
        await this.#catchUp(current.key);
      }
    }
  }

  /**
   * After a conflict: waits until the cache holds the write that came first. Not the store's latest
   * revision: that may be another resource's, which this cache never sees.
   */
  async #catchUp(key: string): Promise<void> {
    const kv = await this.#backend.get(key);
    if (kv) await this.cache.waitFor(kv.modRevision);
  }

  async delete(ns: string | undefined, name: string, opts: DeleteOptions, ctx: RequestContext): Promise<{ obj: KObject; deleted: boolean }> {
    for (let attempt = 0; ; attempt++) {
      const current = this.cache.get(this.#key(ns, name));
      if (!current) throw notFound(this.resource.plural, name, this.resource.group);
      const old = current.obj;
      checkPreconditions(opts.preconditions, old, this.resource, name);
      if (opts.gracePeriodSeconds !== undefined && (!Number.isInteger(opts.gracePeriodSeconds))) {
        throw new ApiError('BadRequest', 'gracePeriodSeconds must be an integer');
      }
      this.#strategy.admit?.('delete', null, old, ctx, opts.subresource);
      const grace = this.#strategy.deletionGrace(old, opts.gracePeriodSeconds);
      const finalizers = finalizersFor(old.metadata.finalizers ?? [], opts.propagationPolicy);
      const refinalized = JSON.stringify(finalizers) !== JSON.stringify(old.metadata.finalizers ?? []);
      if (grace === 0 && finalizers.length === 0) {
        if (ctx.dryRun) return { obj: old, deleted: true };
        try {
          await this.#remove(current);
        } catch (e) {
          if (e instanceof ApiError && e.code === 'Conflict' && attempt < 10) continue;
          throw e;
        }
        return { obj: old, deleted: true };
      }
      // Graceful: mark, and let whoever owns the object (the kubelet, a finalizer) finish the job.
      const next = structuredClone(old);
      const oldGrace = old.metadata.deletionGracePeriodSeconds;
      const marked = old.metadata.deletionTimestamp && oldGrace !== undefined && oldGrace <= grace;
      if (marked && !refinalized) return { obj: old, deleted: false };
      if (!marked) {
        next.metadata.deletionTimestamp = rfc3339(Date.now() + grace * 1000);
        next.metadata.deletionGracePeriodSeconds = grace;
      }
      // The garbage collector's finalizers for the requested propagation (it removes them when done).
      if (refinalized) next.metadata.finalizers = finalizers;
      if (ctx.dryRun) return { obj: next, deleted: false };
      try {
        return { obj: this.#stored(next, await this.#persist(next, (bytes) => this.#backend.update(current.key, bytes, current.rev))), deleted: false };
      } catch (e) {
        if (e instanceof ApiError && e.code === 'Conflict' && attempt < 10) continue;
        throw e;
      }
    }
  }

  async #remove(current: Entry): Promise<void> {
    const rev = await this.#backend.delete(current.key, current.rev).catch((e) => {
      throw storeErrorToApi(e, this.resource, current.obj.metadata.name ?? '');
    });
    await this.cache.waitFor(rev);
  }

  /**
   * One page of a list. A first page (or a whole list) is read from the cache at its revision; a
   * continued page is the snapshot of the first page's revision, from the cache while its window of
   * events reaches back there (as kube-apiserver's cache snapshots do), else from the store as it
   * stood then: the pages of one list are one snapshot.
   */
  async list(ns: string | undefined, opts: ListOptions): Promise<ListPage> {
    const minRv = parseResourceVersion(opts.resourceVersion === '0' ? undefined : opts.resourceVersion);
    if (minRv !== undefined && minRv > this.cache.revision) {
      throw new ApiError('Timeout', `Too large resource version: ${minRv}, current: ${this.cache.revision}`, { retryAfterSeconds: 1 });
    }
    const prefix = scanPrefix(this.resource, ns);
    const { labelMatch, fieldMatch } = opts;
    const matches = labelMatch || fieldMatch ? (o: KObject) => (!labelMatch || labelMatch(o)) && (!fieldMatch || fieldMatch(o)) : undefined;
    const pager = new PageBuilder(matches, opts.limit && opts.limit > 0 ? opts.limit : Infinity);
    let after: string | undefined;
    // A consistent list the cache cannot vouch for is read from the store at its current revision.
    let rv = opts.consistent && !opts.continue && !(await this.cache.sync()) ? await this.#backend.revision() : this.cache.revision;
    if (opts.continue) {
      if (opts.resourceVersion && opts.resourceVersion !== '0') throw new ApiError('BadRequest', 'specifying resource version is not allowed when using continue');
      // The first page may have been read from a shared store ahead of this cache.
      const t = decodeContinue(opts.continue, prefix, this.#backend.shared ? Math.max(this.cache.revision, await this.#backend.revision()) : this.cache.revision);
      after = t.after;
      // A token of an expired list (LATEST) goes on at the latest revision, knowingly inconsistent.
      if (t.rv !== LATEST) rv = t.rv;
    }
    // The first page, or a later one whose snapshot the cache's window of events still reaches back to.
    const snapshot = rv > this.cache.revision ? undefined : this.cache.scanAt(prefix, rv, after);
    if (snapshot) {
      if (matches) {
        for (const e of snapshot) if (!pager.add(e)) break;
        return pager.page(prefix, rv);
      }
      // Unfiltered, the rest is counted from the cache's key index, not walked (a full list of
      // 150,000 Pods in pages of 500 would walk 22 million entries).
      for (const e of snapshot) if (pager.full || !pager.add(e)) break;
      return pager.page(prefix, rv, this.cache.countAt(prefix, rv, pager.lastKey ?? after));
    }
    const expired = rethrowExpired(after!, prefix);
    if (!matches) {
      // Unfiltered, the store cuts the page and counts the rest itself: nothing beyond it is decoded.
      const r = await this.#backend.list(prefix, { after, revision: rv, limit: Number.isFinite(pager.limit) ? pager.limit : undefined, count: true }).catch(expired);
      for (const kv of r.kvs) pager.add(new Entry(kv.key, this.#decode(kv.value, kv.modRevision), kv.modRevision));
      return pager.page(prefix, rv, r.remaining);
    }
    for (;;) {
      const r = await this.#backend.list(prefix, { after, revision: rv, limit: 500 }).catch(expired);
      for (const kv of r.kvs) if (!pager.add(new Entry(kv.key, this.#decode(kv.value, kv.modRevision), kv.modRevision))) return pager.page(prefix, rv);
      if (!r.more || r.kvs.length === 0) return pager.page(prefix, rv);
      after = r.kvs[r.kvs.length - 1].key;
    }
  }

  listObject(page: ListPage): KList {
    return {
      apiVersion: apiVersionOf(this.resource),
      kind: this.resource.listKind,
      metadata: { resourceVersion: page.resourceVersion, ...(page.continue ? { continue: page.continue, remainingItemCount: page.remainingItemCount } : {}) },
      items: page.entries.map((e) => e.obj),
    };
  }
}
