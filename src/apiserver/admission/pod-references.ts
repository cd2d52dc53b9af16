// What upstream's RuntimeClass, Priority and DRA admission plugins refuse, for a Pod naming objects of
// kinds berth does not serve yet (RuntimeClass, ResourceClaim): refused on create with their Forbidden
// words, never accepted and ignored. Priority comes from the served PriorityClasses (./priority.ts).

import { ApiError } from '../../api/errors.js';
import type { KObject, Pod } from '../../api/types.js';
import type { PriorityClasses } from './priority.js';

function forbidden(pod: Pod, why: string): ApiError {
  return new ApiError('Forbidden', `pods "${pod.metadata.name ?? ''}" is forbidden: ${why}`, { name: pod.metadata.name, kind: 'pods' });
}

/** Checks (and, with its priority, completes) a Pod being created. */
export function admitPodReferences(verb: string, obj: KObject | null, priorityClasses: PriorityClasses): void {
  if (verb !== 'create' || !obj) return;
  const pod = obj as Pod;
  const spec = pod.spec;
  if (spec.runtimeClassName) throw forbidden(pod, `pod rejected: RuntimeClass "${spec.runtimeClassName}" not found`);
  if (spec.overhead && Object.keys(spec.overhead).length) throw forbidden(pod, 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
  if (spec.resourceClaims?.length) throw forbidden(pod, `resource claims are not supported by berth yet (no ResourceClaim API): ${spec.resourceClaims.map((c) => c.name).join(', ')}`);
  priorityClasses.admitPod(pod);
}
