// What upstream's RuntimeClass, Priority and DRA admission plugins refuse, for a Pod naming objects of
// kinds berth does not serve yet (RuntimeClass, PriorityClass, ResourceClaim): refused on create with
// their Forbidden words, never accepted and ignored. The two built-in priority classes resolve as
// upstream's do.

import { ApiError } from '../../api/errors.js';
import type { KObject, Pod } from '../../api/types.js';

/** Upstream's built-in PriorityClasses, which exist in every cluster. */
const SYSTEM_PRIORITY: Record<string, number> = { 'system-cluster-critical': 2_000_000_000, 'system-node-critical': 2_000_001_000 };

function forbidden(pod: Pod, why: string): ApiError {
  return new ApiError('Forbidden', `pods "${pod.metadata.name ?? ''}" is forbidden: ${why}`, { name: pod.metadata.name, kind: 'pods' });
}

/** Checks (and, for a built-in priority class, completes) a Pod being created. */
export function admitPodReferences(verb: string, obj: KObject | null): void {
  if (verb !== 'create' || !obj) return;
  const pod = obj as Pod;
  const spec = pod.spec;
  if (spec.runtimeClassName) throw forbidden(pod, `pod rejected: RuntimeClass "${spec.runtimeClassName}" not found`);
  if (spec.overhead && Object.keys(spec.overhead).length) throw forbidden(pod, 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
  if (spec.resourceClaims?.length) throw forbidden(pod, `resource claims are not supported by berth yet (no ResourceClaim API): ${spec.resourceClaims.map((c) => c.name).join(', ')}`);
  // No class (and no global default class, which berth cannot have) computes priority 0.
  const value = spec.priorityClassName ? SYSTEM_PRIORITY[spec.priorityClassName] : 0;
  if (value === undefined) throw forbidden(pod, `no PriorityClass with name ${spec.priorityClassName} was found`);
  if (spec.priority !== undefined && spec.priority !== value) {
    throw forbidden(pod, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
  }
  if (spec.priorityClassName) {
    spec.priority = value;
    spec.preemptionPolicy ??= 'PreemptLowerPriority';
  }
}
