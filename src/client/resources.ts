// Resource descriptors: where a kind lives in the API's URL space.

export interface Resource {
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  /** The kind, for messages and bookmarks. */
  kind: string;
}

export const pods: Resource = { group: '', version: 'v1', plural: 'pods', namespaced: true, kind: 'Pod' };
export const nodes: Resource = { group: '', version: 'v1', plural: 'nodes', namespaced: false, kind: 'Node' };
export const events: Resource = { group: '', version: 'v1', plural: 'events', namespaced: true, kind: 'Event' };
export const namespaces: Resource = { group: '', version: 'v1', plural: 'namespaces', namespaced: false, kind: 'Namespace' };
export const leases: Resource = { group: 'coordination.k8s.io', version: 'v1', plural: 'leases', namespaced: true, kind: 'Lease' };
export const deployments: Resource = { group: 'apps', version: 'v1', plural: 'deployments', namespaced: true, kind: 'Deployment' };
export const replicaSets: Resource = { group: 'apps', version: 'v1', plural: 'replicasets', namespaced: true, kind: 'ReplicaSet' };

/** `/api/v1/namespaces/ns/pods/name/status`, leaving out the parts not given. */
export function resourcePath(res: Resource, namespace?: string, name?: string, subresource?: string): string {
  let p = res.group ? `/apis/${res.group}/${res.version}` : `/api/${res.version}`;
  if (res.namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${res.plural}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}
