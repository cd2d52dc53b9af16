// Pods: status belongs to the kubelet, and deletion is graceful once a Pod is on a node.

import { ApiError } from '../../../api/errors.js';
import { rfc3339 } from '../../../api/time.js';
import type { KObject, Pod } from '../../../api/types.js';
import type { Strategy } from '../strategy.js';
import type { RequestContext } from '../context.js';
import type { Preconditions, RestStorage } from '../rest.js';
import { genericStrategy } from './generic.js';
import { resizeUpdate } from './podResize.js';
import { ephemeralContainersWrite } from './pod-ephemeral.js';
import { defaultPodAsDecoded } from '../../../api/defaults/pod.js';

export function podDeletionGrace(pod: Pod, requested: number | undefined): number {
  const phase = pod.status?.phase;
  if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  let grace = requested ?? pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
  if (requested !== undefined && pod.metadata.deletionGracePeriodSeconds !== undefined) grace = Math.min(grace, pod.metadata.deletionGracePeriodSeconds);
  // A negative grace means "as soon as possible", which Kubernetes turns into 1 second.
  return grace < 0 ? 1 : grace;
}

export function podStrategy(): Strategy {
  const base = genericStrategy({ kind: 'Pod', hasStatus: true, resetStatusOnCreate: true });
  return {
    ...base,
    decodeDefaults: (obj) => defaultPodAsDecoded(obj as Pod),
    deletionGrace: (obj, requested) => podDeletionGrace(obj as Pod, requested),
    subresourceWrites: { ephemeralcontainers: ephemeralContainersWrite, resize: resizeUpdate },
  };
}

/** What a Binding asks: the Pod (by name, and by uid and resourceVersion when given), its node, annotations to copy. */
export interface BindingRequest {
  name: string;
  nodeName: string;
  annotations?: Record<string, string>;
  preconditions?: Preconditions;
}

/**
 * POST pods/<name>/binding: sets spec.nodeName once, copies the Binding's annotations onto the Pod and
 * records PodScheduled, in one write guarded by the stored revision, as upstream's binding storage
 * does: the Pod's update rules and field manager are not the binding's (no managedFields entry).
 */
export function bindPod(pods: RestStorage, ns: string, b: BindingRequest, ctx: RequestContext): Promise<KObject> {
  return pods.guaranteedUpdate(ns, b.name, ctx, (pod) => assignNode(pod, b.nodeName, b.annotations), b.preconditions);
}

function assignNode(pod: KObject, nodeName: string, annotations: Record<string, string> = {}): KObject {
  const p = pod as Pod;
  if (p.metadata.deletionTimestamp) throw new ApiError('Conflict', `Operation cannot be fulfilled on pods/binding "${p.metadata.name}": pod ${p.metadata.name} is being deleted, cannot be assigned to a host`);
  if (p.spec.nodeName) throw new ApiError('Conflict', `Operation cannot be fulfilled on pods/binding "${p.metadata.name}": pod ${p.metadata.name} is already assigned to node "${p.spec.nodeName}"`);
  p.spec.nodeName = nodeName;
  if (Object.keys(annotations).length) p.metadata.annotations = { ...p.metadata.annotations, ...annotations };
  const now = rfc3339();
  const conditions = (p.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
  p.status = { ...p.status, conditions };
  return p;
}
