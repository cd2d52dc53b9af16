// The garbage collector: objects whose owners (ownerReferences) are all gone are deleted; an owner
// deleted with propagationPolicy Foreground (finalizer foregroundDeletion) has its dependents deleted
// and is released once those that block it (blockOwnerDeletion) are gone; one deleted with Orphan
// (finalizer orphan) has its reference removed from every dependent first. It watches every served
// kind but Events (Pods, ReplicaSets and Deployments through the informers it shares with the
// workload controllers), and every custom resource while its CRD is established (at its storage
// version: all versions are the same objects), and indexes them by the owners they name.

import { isApiError } from '../api/errors.js';
import { deepEqual } from '../api/patch/json-patch.js';
import { RESOURCES, findKind, type ResourceInfo } from '../api/schema/resources.js';
import type { CustomResourceDefinition, KObject, OwnerReference } from '../api/types.js';
import { Informer, keyOf, splitKey } from '../client/informer.js';
import { controllerRevisions, customResourceDefinitions, daemonSets, deployments, pods, replicaSets, replicationControllers, type Resource, statefulSets } from '../client/resources.js';
import type { RestClient } from '../client/rest.js';
import { SharedInformers, owner } from '../client/shared.js';
import { WorkQueue } from '../client/workqueue.js';
import { runKeyedController } from './keyed-controller.js';
import { ignoreNotFound } from './writes.js';

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';

interface Monitor {
  res: Resource;
  informer: Informer<KObject>;
  /** A custom resource's: stops with its CRD. */
  stop?: AbortController;
}

/** A monitor's name in queue items: plural, with the group for all but the core group. */
const monitorName = (r: Resource): string => (r.group ? `${r.plural}.${r.group}` : r.plural);

type Owner = { state: 'present'; obj: KObject } | { state: 'absent' } | { state: 'unknown' };

export class GarbageCollector {
  #client: RestClient;
  #monitors: Monitor[];
  #queue = new WorkQueue();
  #log: (line: string) => void;

  constructor(client: RestClient, opts: { log?: (line: string) => void; informers?: SharedInformers } = {}) {
    this.#client = client;
    this.#log = opts.log ?? ((l) => process.stderr.write(`garbage-collector: ${l}\n`));
    const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${(e as Error).message}`));
    const shared = new Map<string, Informer<KObject>>([
      [pods.plural, informers.pods() as unknown as Informer<KObject>],
      [replicaSets.plural, informers.replicaSets() as unknown as Informer<KObject>],
      [deployments.plural, informers.deployments() as unknown as Informer<KObject>],
      [daemonSets.plural, informers.daemonSets() as unknown as Informer<KObject>],
      [statefulSets.plural, informers.statefulSets() as unknown as Informer<KObject>],
      [controllerRevisions.plural, informers.controllerRevisions() as unknown as Informer<KObject>],
      [replicationControllers.plural, informers.replicationControllers() as unknown as Informer<KObject>],
    ]);
    // Events are many and short-lived, and own nothing: upstream's collector ignores them too.
    const watched = RESOURCES.filter((r) => r.verbs.includes('watch') && r.kind !== 'Event');
    this.#monitors = watched.map((r) => {
      const res = resourceOf(r);
      const informer = shared.get(r.plural) ?? new Informer<KObject>(client, res, { indexers: { owner }, onError: (e) => this.#log(`watch ${r.plural}: ${(e as Error).message}`) });
      return { res, informer };
    });
    for (const m of this.#monitors) this.#watch(m);
    this.#crds = new Informer<CustomResourceDefinition>(client, customResourceDefinitions, { onError: (e) => this.#log(`watch customresourcedefinitions: ${(e as Error).message}`) });
    this.#crds.addHandlers({ onAdd: (crd) => this.#monitorCustom(crd), onUpdate: (_old, crd) => this.#monitorCustom(crd), onDelete: (crd) => this.#unmonitorCustom(crd) });
  }

  #crds: Informer<CustomResourceDefinition>;
  #signal: AbortSignal | undefined;

  #watch(m: Monitor): void {
    const key = (o: KObject) => `${monitorName(m.res)}|${keyOf(o)}`;
    const changed = (o: KObject) => {
      if (o.metadata.ownerReferences?.length || o.metadata.finalizers?.some((f) => f === ORPHAN || f === FOREGROUND)) this.#queue.add(key(o));
    };
    m.informer.addHandlers({
      onAdd: changed,
      // As upstream's graph builder: an update matters when it changes the object's owners or its
      // deletion, not its status (most updates, a Pod's above all); owners going are seen by onDelete.
      onUpdate: (old, o) => {
        const { metadata: a } = old;
        const { metadata: b } = o;
        if (a.deletionTimestamp !== b.deletionTimestamp || !deepEqual(a.ownerReferences, b.ownerReferences) || !deepEqual(a.finalizers, b.finalizers)) changed(o);
      },
      onDelete: (o) => {
        // Its dependents may now be orphans; an owner waiting on it in the foreground may be done.
        for (const d of this.#dependents(o.metadata.uid!)) this.#queue.add(`${monitorName(d.res)}|${keyOf(d.obj)}`);
        for (const ref of o.metadata.ownerReferences ?? []) this.#enqueueOwner(o, ref);
      },
    });
  }

  /** Starts watching an established CRD's objects (once; again when its names or versions change). */
  #monitorCustom(crd: CustomResourceDefinition): void {
    const names = crd.status?.acceptedNames ?? crd.spec.names;
    const version = crd.spec.versions.find((v) => v.storage && v.served) ?? crd.spec.versions.find((v) => v.served);
    const established = crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
    const current = this.#monitors.find((m) => m.stop && m.res.group === crd.spec.group && m.res.plural === names.plural);
    if (!established || !version || !this.#signal) return this.#unmonitorCustom(crd);
    if (current && current.res.version === version.name && current.res.kind === names.kind) return;
    if (current) this.#unmonitorCustom(crd);
    const res: Resource = { group: crd.spec.group, version: version.name, plural: names.plural, namespaced: crd.spec.scope === 'Namespaced', kind: names.kind };
    const stop = new AbortController();
    this.#signal.addEventListener('abort', () => stop.abort(), { once: true });
    const m: Monitor = { res, stop, informer: new Informer<KObject>(this.#client, res, { indexers: { owner }, onError: (e) => this.#log(`watch ${monitorName(res)}: ${(e as Error).message}`) }) };
    this.#monitors.push(m);
    this.#watch(m);
    void m.informer.run(stop.signal);
  }

  #unmonitorCustom(crd: CustomResourceDefinition): void {
    const names = crd.status?.acceptedNames ?? crd.spec.names;
    const i = this.#monitors.findIndex((m) => m.stop && m.res.group === crd.spec.group && m.res.plural === names.plural);
    if (i < 0) return;
    this.#monitors[i]!.stop!.abort();
    this.#monitors.splice(i, 1);
  }

  async run(signal: AbortSignal): Promise<void> {
    this.#signal = signal;
    // The CRDs' informer only adds monitors: the workers need not wait for it.
    const loop = runKeyedController(signal, { informers: this.#monitors.map((m) => m.informer), queue: this.#queue, workers: 4, reconcile: (key) => this.reconcile(key), log: this.#log });
    await Promise.all([loop, this.#crds.run(signal)]);
  }

  /** The monitor of the kind a reference names: by group and kind (any version of a custom resource). */
  #monitorOf(ref: OwnerReference): Monitor | undefined {
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
    return this.#monitors.find((x) => x.res.kind === ref.kind && (x.stop ? x.res.group === group : apiVersion(x.res) === ref.apiVersion));
  }

  #enqueueOwner(dependent: KObject, ref: OwnerReference): void {
    const m = this.#monitorOf(ref);
    if (m) this.#queue.add(`${monitorName(m.res)}|${m.res.namespaced && dependent.metadata.namespace ? `${dependent.metadata.namespace}/` : ''}${ref.name}`);
  }

  #dependents(uid: string): { res: Resource; obj: KObject }[] {
    return this.#monitors.flatMap((m) => m.informer.byIndex('owner', uid).map((obj) => ({ res: m.res, obj })));
  }

  async reconcile(item: string): Promise<void> {
    const bar = item.indexOf('|');
    const m = this.#monitors.find((x) => monitorName(x.res) === item.slice(0, bar));
    const obj = m?.informer.get(item.slice(bar + 1));
    if (!m || !obj) return;
    const finalizers = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && finalizers.includes(ORPHAN)) return this.#orphanDependents(m.res, obj);
    if (obj.metadata.deletionTimestamp && finalizers.includes(FOREGROUND)) await this.#deleteDependentsFirst(m.res, obj);
    if (obj.metadata.ownerReferences?.length) await this.#checkOwners(m.res, obj);
  }

  /** Orphan: every dependent loses its reference to obj, then obj its orphan finalizer. */
  async #orphanDependents(res: Resource, obj: KObject): Promise<void> {
    const uid = obj.metadata.uid!;
    for (const d of this.#dependents(uid)) {
      const refs = (d.obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      await ignoreNotFound(this.#client.patch(d.res, d.obj.metadata.namespace, d.obj.metadata.name!, 'merge', { metadata: { ownerReferences: refs.length ? refs : null, resourceVersion: d.obj.metadata.resourceVersion } }));
    }
    await this.#removeFinalizer(res, obj, ORPHAN);
  }

  /** Foreground: delete every dependent; once none that blocks obj is left, let obj go. */
  async #deleteDependentsFirst(res: Resource, obj: KObject): Promise<void> {
    const uid = obj.metadata.uid!;
    const dependents = this.#dependents(uid);
    for (const d of dependents) {
      if (d.obj.metadata.deletionTimestamp) continue;
      // A dependent with dependents of its own is deleted in the foreground too, so the chain waits.
      const policy = this.#dependents(d.obj.metadata.uid!).length ? 'Foreground' : 'Background';
      await ignoreNotFound(this.#client.delete(d.res, d.obj.metadata.namespace, d.obj.metadata.name!, { propagationPolicy: policy, preconditions: { uid: d.obj.metadata.uid } }));
    }
    const blocking = dependents.filter((d) => d.obj.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion));
    if (!blocking.length) await this.#removeFinalizer(res, obj, FOREGROUND);
  }

  /** Deletes obj when all its owners are gone; drops references to gone owners when some remain. */
  async #checkOwners(res: Resource, obj: KObject): Promise<void> {
    const refs = obj.metadata.ownerReferences ?? [];
    const states = await Promise.all(refs.map((r) => this.#owner(obj, r)));
    const dangling = refs.filter((_, i) => states[i]!.state === 'absent');
    if (!dangling.length) return;
    const solid = states.filter((s): s is { state: 'present'; obj: KObject } => s.state === 'present' && !(s.obj.metadata.deletionTimestamp && s.obj.metadata.finalizers?.includes(FOREGROUND)));
    const waiting = states.some((s) => s.state === 'present' && s.obj.metadata.finalizers?.includes(FOREGROUND));
    if (solid.length || states.some((s) => s.state === 'unknown')) {
      const kept = refs.filter((r) => !dangling.includes(r));
      await ignoreNotFound(this.#client.patch(res, obj.metadata.namespace, obj.metadata.name!, 'merge', { metadata: { ownerReferences: kept, resourceVersion: obj.metadata.resourceVersion } }));
      return;
    }
    if (obj.metadata.deletionTimestamp) return;
    const policy = obj.metadata.finalizers?.includes(ORPHAN) ? 'Orphan' : waiting && this.#dependents(obj.metadata.uid!).length ? 'Foreground' : 'Background';
    this.#log(`deleting ${res.plural} ${keyOf(obj)}: its owners are gone`);
    await ignoreNotFound(this.#client.delete(res, obj.metadata.namespace, obj.metadata.name!, { propagationPolicy: policy, preconditions: { uid: obj.metadata.uid } }));
  }

  /** Whether the owner a reference names still exists (same uid), from the cache or else the API. */
  async #owner(dependent: KObject, ref: OwnerReference): Promise<Owner> {
    const info = findKind(ref.apiVersion, ref.kind);
    const custom = info ? undefined : this.#monitorOf(ref);
    const res = info ? resourceOf(info) : custom?.res;
    if (!res) return { state: 'unknown' }; // a kind this server does not serve: leave the reference be
    const ns = res.namespaced ? dependent.metadata.namespace : undefined;
    const m = custom ?? this.#monitors.find((x) => x.res.plural === res.plural && x.res.group === res.group);
    const cached = m?.informer.get(ns ? `${ns}/${ref.name}` : ref.name);
    if (cached?.metadata.uid === ref.uid) return { state: 'present', obj: cached };
    try {
      const live = await this.#client.get(res, ns, ref.name);
      return live.metadata.uid === ref.uid ? { state: 'present', obj: live } : { state: 'absent' };
    } catch (e) {
      if (isApiError(e, 'NotFound')) return { state: 'absent' };
      throw e;
    }
  }

  async #removeFinalizer(res: Resource, obj: KObject, finalizer: string): Promise<void> {
    const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    const { namespace, name } = splitKey(keyOf(obj));
    await ignoreNotFound(this.#client.patch(res, namespace, name, 'merge', { metadata: { finalizers: finalizers.length ? finalizers : null, resourceVersion: obj.metadata.resourceVersion } }));
  }

}

function apiVersion(r: Resource): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

function resourceOf(info: ResourceInfo): Resource {
  return { group: info.group, version: info.version, plural: info.plural, namespaced: info.namespaced, kind: info.kind };
}
