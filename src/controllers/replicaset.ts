// The ReplicaSet controller: keeps spec.replicas active Pods for every ReplicaSet. It claims the Pods
// its selector matches (adopting orphans, releasing Pods whose labels stopped matching), creates
// missing Pods from the template in growing batches and deletes surplus ones in upstream's order,
// and reports replicas / fullyLabeled / ready / available in status. Expectations hold it back until
// the creates and deletes it issued are seen, so a burst is never created twice. The same controller,
// given REPLICATION_CONTROLLERS, is upstream's replication manager: a ReplicationController is a
// ReplicaSet whose selector is a label map.

import type { KObject, LabelSelectorSpec, Pod, PodTemplateSpec, ReplicaSet, ReplicationController, WorkloadCondition } from '../api/types.js';
import { EventRecorder } from '../client/events.js';
import { keyOf, type Informer } from '../client/informer.js';
import { pods, replicaSets, replicationControllers, type Resource } from '../client/resources.js';
import type { RestClient } from '../client/rest.js';
import { SharedInformers } from '../client/shared.js';
import { WorkQueue } from '../client/workqueue.js';
import { runKeyedController } from './keyed-controller.js';
import { writeStatus } from './writes.js';
import { cachedController, claim, controllerOf, controllerRef, selecting, selectorOf } from './controllerref.js';
import { Expectations } from './expectations.js';
import { PodControl } from './podcontrol.js';
import { deletionOrder } from './podstate.js';
import { PodCounts, type Counts, type OwnerShape, type OwnerTally } from './podcounts.js';
import { rfc3339 } from '../api/time.js';
import { deepEqual } from '../api/patch/json-patch.js';

/** Most Pods created or deleted in one pass (upstream's burstReplicas). */
const BURST = 500;

/** The kind a replica controller keeps: ReplicaSets, or ReplicationControllers seen as ReplicaSets. */
export interface ReplicaKind {
  resource: Resource;
  apiVersion: string;
  kind: string;
  /** The event source component, as upstream names it. */
  component: string;
  informer(informers: SharedInformers): Informer<ReplicaSet>;
  selector(obj: ReplicaSet): LabelSelectorSpec | undefined;
}

export const REPLICA_SETS: ReplicaKind = {
  resource: replicaSets,
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  component: 'replicaset-controller',
  informer: (i) => i.replicaSets(),
  selector: (rs) => rs.spec.selector,
};

export const REPLICATION_CONTROLLERS: ReplicaKind = {
  resource: replicationControllers,
  apiVersion: 'v1',
  kind: 'ReplicationController',
  component: 'replication-controller',
  informer: (i) => i.replicationControllers() as unknown as Informer<ReplicaSet>,
  selector: (rs) => {
    const map = (rs as unknown as ReplicationController).spec.selector;
    return map && Object.keys(map).length ? { matchLabels: map } : undefined;
  },
};

export interface ReplicaSetControllerOptions {
  log?: (line: string) => void;
  informers?: SharedInformers;
  workers?: number;
  /** What it keeps; ReplicaSets unless told. */
  kind?: ReplicaKind;
}

/** A Pod from owner's template, controlled by owner (named by the caller: generateName or a fixed name). */
export function podFromTemplate(owner: KObject, kind: string, template: PodTemplateSpec, apiVersion = 'apps/v1'): Pod {
  const meta = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRef(owner, apiVersion, kind)],
    },
    spec: structuredClone(template.spec) as Pod['spec'],
  };
}

export class ReplicaSetController {
  #client: RestClient;
  #sets: Informer<ReplicaSet>;
  #pods: Informer<Pod>;
  #queue = new WorkQueue();
  #expectations = new Expectations();
  #counts: PodCounts;
  #events: EventRecorder;
  #podControl: PodControl;
  #log: (line: string) => void;
  #workers: number;
  #kind: ReplicaKind;

  constructor(client: RestClient, opts: ReplicaSetControllerOptions = {}) {
    this.#client = client;
    this.#kind = opts.kind ?? REPLICA_SETS;
    this.#log = opts.log ?? ((l) => process.stderr.write(`${this.#kind.component}: ${l}\n`));
    this.#workers = opts.workers ?? 4;
    const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${(e as Error).message}`));
    this.#sets = this.#kind.informer(informers);
    this.#pods = informers.pods();
    this.#counts = new PodCounts(this.#pods);
    this.#events = new EventRecorder(client, { component: this.#kind.component });
    this.#podControl = new PodControl(client, this.#events, this.#expectations);
    this.#sets.addHandlers({
      onAdd: (rs) => this.#queue.add(keyOf(rs)),
      onUpdate: (old, rs) => {
        if (old.metadata.uid !== rs.metadata.uid) this.#counts.drop(old.metadata.uid!);
        this.#queue.add(keyOf(rs));
      },
      onDelete: (rs) => {
        this.#expectations.forget(keyOf(rs));
        this.#counts.drop(rs.metadata.uid!);
        this.#queue.add(keyOf(rs));
      },
    });
    this.#pods.addHandlers({
      onAdd: (p) => this.#podChanged(undefined, p),
      onUpdate: (old, p) => this.#podChanged(old, p),
      onDelete: (p) => {
        this.#counts.forget(p);
        const rs = this.#owner(p);
        if (!rs) return;
        this.#expectations.deletionObserved(keyOf(rs), keyOf(p));
        this.#queue.add(keyOf(rs));
      },
    });
  }

  /** The ReplicaSet that controls p, if it is one this controller knows. */
  #owner(p: Pod): ReplicaSet | undefined {
    return cachedController(this.#sets, this.#kind.kind, p);
  }

  /**
   * Most Pod updates (the binding, a status before readiness) change nothing its owner claims, counts
   * or expects: only those that do, and every new Pod, bring a pass.
   */
  #podChanged(old: Pod | undefined, p: Pod): void {
    const counted = this.#counts.observe(p);
    const rs = this.#owner(p);
    if (rs) {
      const key = keyOf(rs);
      this.#expectations.podSeen(key, old, p);
      if (!old || counted) this.#queue.add(key);
    }
    const oldRs = old && this.#owner(old);
    if (oldRs && oldRs !== rs) this.#queue.add(keyOf(oldRs));
    // An orphan (or a Pod whose labels changed) may be adopted by any matching ReplicaSet.
    if (!controllerOf(p) || (old && !deepEqual(old.metadata.labels, p.metadata.labels))) {
      for (const candidate of selecting(this.#sets, p, this.#kind.selector)) this.#queue.add(keyOf(candidate));
    }
  }

  async run(signal: AbortSignal): Promise<void> {
    await runKeyedController(signal, { informers: [this.#sets, this.#pods], queue: this.#queue, workers: this.#workers, reconcile: (key) => this.reconcile(key), log: this.#log });
  }

  async reconcile(key: string): Promise<void> {
    const rs = this.#sets.get(key);
    if (!rs) {
      this.#expectations.forget(key);
      return;
    }
    const tally = this.#counts.of(this.#shapeOf(rs));
    const deleting = !!rs.metadata.deletionTimestamp;
    if (!deleting) await this.#claimPods(rs, tally);
    // Counted once the claim is done, as upstream counts the Pods it claimed: what the creates and
    // deletes below bring is the next pass's.
    const now = Date.now();
    const { counts, nextAvailableAt } = tally.counts(now, deleting);
    if (nextAvailableAt !== Infinity) this.#queue.addAfter(key, nextAvailableAt - now + 50);
    let failure: Error | undefined;
    if (this.#expectations.satisfied(key) && !deleting) {
      failure = await this.#manage(rs, counts.replicas, tally);
    }
    await this.#updateStatus(rs, counts, failure);
    if (failure) throw failure;
  }

  #shapeOf(rs: ReplicaSet): OwnerShape {
    return { uid: rs.metadata.uid!, namespace: rs.metadata.namespace ?? '', selector: this.#kind.selector(rs), templateLabels: rs.spec.template?.metadata?.labels, minReadySeconds: rs.spec.minReadySeconds ?? 0 };
  }

  /**
   * Adopts the namespace's orphans rs's selector matches and releases its Pods that stopped matching
   * (upstream's ClaimPods); the Pods it already controls are in its tally.
   */
  async #claimPods(rs: ReplicaSet, tally: OwnerTally): Promise<void> {
    const candidates = [...tally.strays(), ...this.#counts.orphans(rs.metadata.namespace ?? '')];
    if (!candidates.length) return;
    const owned = await claim(this.#client, pods, candidates, rs, this.#kind.resource, controllerRef(rs, this.#kind.apiVersion, this.#kind.kind), selectorOf(this.#kind.selector(rs)));
    for (const p of owned) this.#counts.adopted(p);
  }

  /** Creates or deletes Pods toward spec.replicas from `active` of them; returns the first failure, if any. */
  async #manage(rs: ReplicaSet, active: number, tally: OwnerTally): Promise<Error | undefined> {
    const key = keyOf(rs);
    const diff = active - (rs.spec.replicas ?? 1);
    if (diff < 0) {
      const n = Math.min(-diff, BURST);
      return this.#podControl.create(rs, key, Array.from({ length: n }, () => podFromTemplate(rs, this.#kind.kind, rs.spec.template, this.#kind.apiVersion)));
    } else if (diff > 0) {
      const victims = tally.active().sort(deletionOrder).slice(0, Math.min(diff, BURST));
      return this.#podControl.delete(rs, key, victims);
    }
    return undefined;
  }

  async #updateStatus(rs: ReplicaSet, counts: Counts, failure: Error | undefined): Promise<void> {
    const conditions = (rs.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
    if (failure) {
      const reason = (rs.spec.replicas ?? 1) > counts.replicas ? 'FailedCreate' : 'FailedDelete';
      const old = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
      const c: WorkloadCondition = { type: 'ReplicaFailure', status: 'True', reason, message: failure.message, lastTransitionTime: old?.lastTransitionTime ?? rfc3339(Date.now()) };
      conditions.push(c);
    }
    const status: NonNullable<ReplicaSet['status']> = {
      replicas: counts.replicas,
      fullyLabeledReplicas: counts.fullyLabeled,
      readyReplicas: counts.ready,
      availableReplicas: counts.available,
      ...(rs.metadata.generation !== undefined ? { observedGeneration: rs.metadata.generation } : {}),
      ...(conditions.length ? { conditions } : {}),
    };
    await writeStatus(this.#client, this.#kind.resource, rs, status);
  }

}
