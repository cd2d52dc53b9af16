// Ephemeral containers (kubectl debug): what one may hold, and what the pods/ephemeralcontainers
// subresource may change. Field paths and wording follow pkg/apis/core/validation.
import type { Cause } from '../errors.js';
import { MIRROR_POD_ANNOTATION, type EphemeralContainer, type Pod, type PodSpec } from '../types.js';
import { validateContainer, type ContainerContext } from './containers.js';
import { canonicalJson, semanticEqual } from './equal.js';
import { FieldPath, duplicateValue, forbidden, notFoundValue } from './field.js';

/**
 * Fields an ephemeral container may not set, in the Container's field order: it must not be relied on
 * for the Pod's own service, so no ports, probes, lifecycle hooks, resources or restart rules.
 */
const NOT_ALLOWED = ['ports', 'resources', 'resizePolicy', 'restartPolicy', 'restartPolicyRules', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'] as const;
const NOT_FOR_EPHEMERAL = 'cannot be set for an Ephemeral Container';

/** Go's zero value as JSON shows it: absent, or an empty list or object (kubectl sends `resources: {}`). */
function isZero(v: unknown): boolean {
  return v === undefined || v === null || canonicalJson(v) === '{}' || canonicalJson(v) === '[]';
}

export function validateEphemeralContainers(spec: PodSpec, path: FieldPath, ctx: ContainerContext): Cause[] {
  const list = spec.ephemeralContainers ?? [];
  if (list.length === 0) return [];
  const others = new Set([...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c) => c.name));
  const names = new Set(others);
  const causes: Cause[] = [];
  list.forEach((ec, i) => {
    const at = path.index(i);
    const fields = ec as unknown as Record<string, unknown>;
    // Checked as a regular container, less the restart policy it may not have at all (reported below).
    causes.push(...validateContainer({ ...ec, restartPolicy: undefined }, at, { ...ctx, isInit: false }));
    if (ec.name && names.has(ec.name)) causes.push(duplicateValue(at.child('name'), ec.name));
    names.add(ec.name);
    if (ec.targetContainerName && !others.has(ec.targetContainerName)) causes.push(notFoundValue(at.child('targetContainerName'), ec.targetContainerName));
    for (const f of NOT_ALLOWED) if (!isZero(fields[f])) causes.push(forbidden(at.child(f), NOT_FOR_EPHEMERAL));
    // A subPath would let the container make the kubelet resolve paths in a volume on its behalf.
    (ec.volumeMounts ?? []).forEach((m, j) => {
      const mount = m as { subPath?: string; subPathExpr?: string };
      for (const f of ['subPath', 'subPathExpr'] as const) if (mount[f]) causes.push(forbidden(at.child('volumeMounts').index(j).child(f), NOT_FOR_EPHEMERAL));
    });
  });
  return causes;
}

/** Static Pods take no ephemeral containers (their kubelet would not know them); undefined otherwise. */
export function staticPodRefusal(old: Pod): Cause[] | undefined {
  return old.metadata.annotations?.[MIRROR_POD_ANNOTATION] === undefined ? undefined : [forbidden(FieldPath.root(''), 'static pods do not support ephemeral containers')];
}

/** The ephemeral containers already there stay exactly as they are: an update may only add. */
export function validateEphemeralContainerChanges(pod: Pod, old: Pod): Cause[] {
  const path = FieldPath.root('spec').child('ephemeralContainers');
  const next = new Map((pod.spec.ephemeralContainers ?? []).map((c) => [c.name, c] as [string, EphemeralContainer]));
  const causes: Cause[] = [];
  for (const prev of old.spec.ephemeralContainers ?? []) {
    const now = next.get(prev.name);
    if (!now) causes.push(forbidden(path, `existing ephemeral containers "${prev.name}" may not be removed\n`));
    else if (!semanticEqual(prev, now)) causes.push(forbidden(path, `existing ephemeral containers "${prev.name}" may not be changed\n  - ${canonicalJson(prev)}\n  + ${canonicalJson(now)}`));
  }
  return causes;
}
