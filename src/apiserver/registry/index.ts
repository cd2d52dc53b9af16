// Wires one RestStorage per served resource over a backend: the API server's whole state.

import { RESOURCES, type ResourceInfo } from '../../api/schema/resources.js';
import type { Backend } from '../../store/types.js';
import type { KObject, PersistentVolume, ServiceAccount } from '../../api/types.js';
import { nodeRestriction } from '../admission/node-restriction.js';
import { NodeGraph } from '../auth/node-graph.js';
import type { RequestContext } from './context.js';
import { genericStrategy } from './kinds/generic.js';
import { podStrategy } from './kinds/pod.js';
import { serviceStrategy } from './kinds/service.js';
import { ServiceAllocator } from './service-allocator.js';
import { jobStrategy } from './kinds/job.js';
import { FINALIZE, namespaceFinalized, NamespaceLifecycle } from './namespaces.js';
import { RestStorage } from './rest.js';
import type { Strategy } from './strategy.js';
import { resourcePrefix } from './keys.js';
import { admitPodReferences } from '../admission/pod-references.js';
import { PriorityClasses } from '../admission/priority.js';
import { admitServiceAccount } from '../admission/service-account.js';
import { StorageClasses } from '../admission/storage-class.js';

export const SYSTEM_CONTEXT: RequestContext = {
  user: { name: 'system:apiserver', groups: ['system:masters'] },
  dryRun: false,
  fieldValidation: 'Ignore',
  warnings: [],
};

function strategyFor(r: ResourceInfo, allocator: ServiceAllocator): Strategy {
  switch (r.kind) {
    case 'Pod':
      return podStrategy();
    case 'Node':
      return genericStrategy({ kind: 'Node', hasStatus: true });
    case 'Namespace':
      return { ...genericStrategy({ kind: 'Namespace', hasStatus: true }), subresourceWrites: { finalize: FINALIZE }, isFinalized: namespaceFinalized };
    case 'Lease':
      return genericStrategy({ kind: 'Lease', allowCreateOnUpdate: true });
    case 'Event':
      return genericStrategy({ kind: 'Event', allowCreateOnUpdate: true });
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'ReplicationController':
    case 'PodDisruptionBudget':
      // Status is the controller's: a created workload starts with none, whatever the client sent.
      return genericStrategy({ kind: r.kind, hasStatus: true, resetStatusOnCreate: true });
    case 'Service':
      return serviceStrategy(allocator);
    case 'Job':
      return jobStrategy();
    case 'CronJob':
      return genericStrategy({ kind: 'CronJob', hasStatus: true, resetStatusOnCreate: true });
    case 'PersistentVolume':
    case 'PersistentVolumeClaim':
    case 'Ingress':
      // Status is the binder's (or the ingress controller's): a new object starts with the defaulted one.
      return genericStrategy({ kind: r.kind, hasStatus: true, resetStatusOnCreate: true });
    default:
      return genericStrategy({ kind: r.kind });
  }
}

export class Registry {
  readonly #storages = new Map<ResourceInfo, RestStorage>();
  readonly namespaces: NamespaceLifecycle;
  /** Which node may read what, kept from the Pod watch cache (the node authorizer's graph). */
  readonly nodeGraph = new NodeGraph();
  /** Cluster IPs (from --service-cidr) and node ports, as the stored Services hold them. */
  readonly serviceAllocator: ServiceAllocator;
  readonly priorityClasses: PriorityClasses;

  constructor(backend: Backend, opts: { watchCacheSize?: number; serviceCIDR?: string } = {}) {
    this.serviceAllocator = new ServiceAllocator(opts.serviceCIDR);
    const nodeUid = (name: string): string | undefined => this.core('nodes').getEntry(undefined, name)?.obj.metadata.uid;
    // Assigned with the PriorityClass storage below; Pods are admitted only once the server runs.
    let priorityClasses!: PriorityClasses;
    // Assigned with the StorageClass storage below, which follows the claims' in RESOURCES.
    let storageClasses!: StorageClasses;
    for (const r of RESOURCES) {
      // Bindings are a verb on pods, and events.k8s.io Events are stored as core Events.
      if (r.kind === 'Binding' || r.group === 'events.k8s.io') continue;
      if (r.kind === 'TokenReview') continue;
      const nodes = nodeRestriction(r, nodeUid);
      const isPod = r.group === '' && r.plural === 'pods';
      const admit: Strategy['admit'] = isPod
        ? (verb, obj, old, ctx, sub) => {
            nodes?.(verb, obj, old, ctx, sub);
            admitPodReferences(verb, obj, priorityClasses);
          }
        : r.kind === 'PriorityClass'
          ? (verb: string, obj: KObject | null, old: KObject | null) => priorityClasses.admit(verb, obj, old)
          : r.kind === 'PersistentVolumeClaim'
            ? (verb, obj, old, ctx, sub) => {
                nodes?.(verb, obj, old, ctx, sub);
                storageClasses.admitClaim(verb, obj, old, sub);
              }
            : nodes;
      const strategy: Strategy = { ...strategyFor(r, this.serviceAllocator), admit };
      if (isPod) strategy.admitCreate = (obj) => admitServiceAccount(obj, (ns, name) => this.core('serviceaccounts').getEntry(ns, name)?.obj as ServiceAccount | undefined);
      const storage = new RestStorage(r, backend, strategy, opts.watchCacheSize);
      this.#storages.set(r, storage);
      if (r.kind === 'PriorityClass') priorityClasses = new PriorityClasses(storage);
      if (r.kind === 'StorageClass') storageClasses = new StorageClasses(storage);
    }
    this.priorityClasses = priorityClasses;
    this.core('pods').cache.addIndex(this.nodeGraph);
    this.nodeGraph.volumeClaim = (volume) => {
      const ref = (this.core('persistentvolumes').getEntry(undefined, volume)?.obj as PersistentVolume | undefined)?.spec?.claimRef;
      return ref?.name ? { namespace: ref.namespace ?? '', name: ref.name } : undefined;
    };
    this.core('services').cache.addIndex(this.serviceAllocator);
    const all = [...this.#storages.values()];
    const nsStorage = all.find((s) => s.resource.kind === 'Namespace')!;
    this.namespaces = new NamespaceLifecycle(nsStorage, SYSTEM_CONTEXT);
    for (const s of all) if (s.resource.namespaced) s.namespaceGate = this.namespaces;
  }

  storage(r: ResourceInfo): RestStorage | undefined {
    return this.#storages.get(r);
  }

  /** The storage for a kind in the core group (for internal use: pods, nodes, …). */
  core(plural: string): RestStorage {
    return this.of('', plural);
  }

  /** The storage for a kind of any group, for internal use (policy poddisruptionbudgets, …). */
  of(group: string, plural: string): RestStorage {
    for (const [r, s] of this.#storages) if (r.group === group && r.plural === plural) return s;
    throw new Error(`no storage for ${plural}`);
  }

  async start(): Promise<void> {
    await Promise.all([...this.#storages.values()].map((s) => s.cache.start()));
    await this.namespaces.start();
    await this.priorityClasses.ensureSystemClasses(SYSTEM_CONTEXT);
  }

  stop(): void {
    for (const s of this.#storages.values()) s.cache.stop();
  }

  prefixes(): string[] {
    return [...this.#storages.keys()].map(resourcePrefix);
  }
}
