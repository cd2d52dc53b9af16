// Where each object lives in the store: /registry/<resource>/<namespace>/<name>, the layout
// kube-apiserver uses in etcd (named groups are prefixed by the group).

import type { ResourceInfo } from '../../api/schema/resources.js';

export function resourcePrefix(r: ResourceInfo): string {
  // events.k8s.io Events are the same objects as core Events, as in Kubernetes.
  const group = r.group === '' || r.group === 'events.k8s.io' ? '' : `${r.group}/`;
  return `/registry/${group}${r.plural}/`;
}

export function objectKey(r: ResourceInfo, namespace: string | undefined, name: string): string {
  return r.namespaced ? `${resourcePrefix(r)}${namespace}/${name}` : `${resourcePrefix(r)}${name}`;
}

/** Prefix of every key in one namespace (or all, when namespace is empty). */
export function scanPrefix(r: ResourceInfo, namespace?: string): string {
  return r.namespaced && namespace ? `${resourcePrefix(r)}${namespace}/` : resourcePrefix(r);
}
