// Wires one RestStorage per served resource over a backend: the API server's whole state.

import { RESOURCES, type ResourceInfo } from '../../api/schema/resources.js';
import type { Backend } from '../../store/types.js';
import { nodeRestriction } from '../admission/node-restriction.js';
import { NodeGraph } from '../auth/node-graph.js';
import type { RequestContext } from './context.js';
import { genericStrategy } from './kinds/generic.js';
import { podStrategy } from './kinds/pod.js';
import { NamespaceLifecycle } from './namespaces.js';
import { RestStorage } from './rest.js';
import type { Strategy } from './strategy.js';
import { resourcePrefix } from './keys.js';
import { admitPodReferences } from '../admission/pod-references.js';
import { admitServiceAccount } from '../admission/service-account.js';
import type { ServiceAccount } from '../../api/types.js';

export const SYSTEM_CONTEXT: RequestContext = {
  user: { name: 'system:apiserver', groups: ['system:masters'] },
  dryRun: false,
  fieldValidation: 'Ignore',
  warnings: [],
};

function strategyFor(r: ResourceInfo): Strategy {
  switch (r.kind) {
    case 'Pod':
      return podStrategy();
    case 'Node':
      return genericStrategy({ kind: 'Node', hasStatus: true });
    case 'Namespace':
      return genericStrategy({ kind: 'Namespace', hasStatus: true });
    case 'Lease':
      return genericStrategy({ kind: 'Lease', allowCreateOnUpdate: true });
    case 'Event':
      return genericStrategy({ kind: 'Event', allowCreateOnUpdate: true });
    case 'Deployment':
    case 'ReplicaSet':
      // Status is the controller's: a created workload starts with none, whatever the client sent.
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

  constructor(backend: Backend, opts: { watchCacheSize?: number } = {}) {
    const nodeUid = (name: string): string | undefined => this.core('nodes').getEntry(undefined, name)?.obj.metadata.uid;
    for (const r of RESOURCES) {
      // Bindings are a verb on pods, and events.k8s.io Events are stored as core Events.
      if (r.kind === 'Binding' || r.group === 'events.k8s.io') continue;
      if (r.kind === 'TokenReview') continue;
      const nodes = nodeRestriction(r, nodeUid);
      const isPod = r.group === '' && r.plural === 'pods';
      const admit: Strategy['admit'] = isPod
        ? (verb, obj, old, ctx, sub) => {
            nodes?.(verb, obj, old, ctx, sub);
            admitPodReferences(verb, obj);
          }
        : nodes;
      const strategy: Strategy = { ...strategyFor(r), admit };
      if (isPod) strategy.admitCreate = (obj) => admitServiceAccount(obj, (ns, name) => this.core('serviceaccounts').getEntry(ns, name)?.obj as ServiceAccount | undefined);
      this.#storages.set(r, new RestStorage(r, backend, strategy, opts.watchCacheSize));
    }
    this.core('pods').cache.addIndex(this.nodeGraph);
    const all = [...this.#storages.values()];
    const nsStorage = all.find((s) => s.resource.kind === 'Namespace')!;
    this.namespaces = new NamespaceLifecycle(nsStorage, all.filter((s) => s.resource.namespaced), SYSTEM_CONTEXT);
    for (const s of all) if (s.resource.namespaced) s.namespaceGate = this.namespaces;
  }

  storage(r: ResourceInfo): RestStorage | undefined {
    return this.#storages.get(r);
  }

  /** The storage for a kind in the core group (for internal use: pods, nodes, …). */
  core(plural: string): RestStorage {
    for (const [r, s] of this.#storages) if (r.group === '' && r.plural === plural) return s;
    throw new Error(`no storage for ${plural}`);
  }

  async start(): Promise<void> {
    await Promise.all([...this.#storages.values()].map((s) => s.cache.start()));
    await this.namespaces.start();
  }

  stop(): void {
    for (const s of this.#storages.values()) s.cache.stop();
  }

  prefixes(): string[] {
    return [...this.#storages.keys()].map(resourcePrefix);
  }
}
