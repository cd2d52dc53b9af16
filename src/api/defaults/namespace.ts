// A new Namespace: the `kubernetes` finalizer (so namespace deletion empties it first), phase Active,
// and the label carrying its name that lets selectors pick namespaces by name.
import type { Namespace } from '../types.js';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function defaultNamespace(ns: Namespace): void {
  ns.spec ??= {};
  ns.spec.finalizers ??= ['kubernetes'];
  ns.status = { ...ns.status, phase: 'Active' };
  if (ns.metadata.name) ns.metadata.labels = { ...ns.metadata.labels, [NAMESPACE_NAME_LABEL]: ns.metadata.name };
}
