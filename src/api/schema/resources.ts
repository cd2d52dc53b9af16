// The resources berth serves: the single list that routing, discovery, OpenAPI and the registry are
// generated from. (The API server depends on these field names: extend, don't rename.)

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** Plural resource name as in URLs. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: string[];
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function res(r: Partial<ResourceInfo> & Pick<ResourceInfo, 'kind' | 'plural' | 'namespaced'>): ResourceInfo {
  return {
    group: '',
    version: 'v1',
    listKind: `${r.kind}List`,
    singular: r.kind.toLowerCase(),
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    subresources: [],
    ...r,
  };
}

export const RESOURCES: readonly ResourceInfo[] = [
  res({ kind: 'Pod', plural: 'pods', namespaced: true, shortNames: ['po'], categories: ['all'], subresources: ['status', 'binding', 'log', 'exec', 'attach', 'portforward', 'eviction', 'resize', 'ephemeralcontainers'] }),
  res({ kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'], subresources: ['status'] }),
  res({ kind: 'Namespace', plural: 'namespaces', namespaced: false, shortNames: ['ns'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], subresources: ['status', 'finalize'] }),
  res({ kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'] }),
  res({ kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'] }),
  res({ kind: 'Secret', plural: 'secrets', namespaced: true }),
  res({ kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, shortNames: ['sa'], subresources: ['token'] }),
  res({ kind: 'Binding', plural: 'bindings', namespaced: true, verbs: ['create'] }),
  res({ group: 'coordination.k8s.io', kind: 'Lease', plural: 'leases', namespaced: true }),
  res({ group: 'events.k8s.io', kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'] }),
  res({ group: 'apps', kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'], categories: ['all'], subresources: ['status', 'scale'] }),
  res({ group: 'apps', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true, shortNames: ['rs'], categories: ['all'], subresources: ['status', 'scale'] }),
  res({ group: 'apps', kind: 'DaemonSet', plural: 'daemonsets', namespaced: true, shortNames: ['ds'], categories: ['all'], subresources: ['status'] }),
  res({ group: 'apps', kind: 'StatefulSet', plural: 'statefulsets', namespaced: true, shortNames: ['sts'], categories: ['all'], subresources: ['status', 'scale'] }),
  res({ group: 'apps', kind: 'ControllerRevision', plural: 'controllerrevisions', namespaced: true }),
  res({ group: 'networking.k8s.io', kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: true, shortNames: ['netpol'] }),
  res({ kind: 'Service', plural: 'services', namespaced: true, shortNames: ['svc'], categories: ['all'], subresources: ['status'] }),
  res({ kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', namespaced: true, shortNames: ['ep'] }),
  res({ group: 'discovery.k8s.io', kind: 'EndpointSlice', plural: 'endpointslices', namespaced: true }),
  res({ group: 'batch', kind: 'Job', plural: 'jobs', namespaced: true, categories: ['all'], subresources: ['status'] }),
  res({ group: 'batch', kind: 'CronJob', plural: 'cronjobs', namespaced: true, shortNames: ['cj'], categories: ['all'], subresources: ['status'] }),
  res({ kind: 'ReplicationController', plural: 'replicationcontrollers', namespaced: true, shortNames: ['rc'], categories: ['all'], subresources: ['status', 'scale'] }),
  res({ kind: 'PodTemplate', plural: 'podtemplates', namespaced: true }),
  res({ group: 'policy', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', namespaced: true, shortNames: ['pdb'], subresources: ['status'] }),
  res({ group: 'scheduling.k8s.io', kind: 'PriorityClass', plural: 'priorityclasses', namespaced: false, shortNames: ['pc'] }),
  res({ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false, shortNames: ['crd', 'crds'], categories: ['api-extensions'], subresources: ['status'] }),
  res({ kind: 'PersistentVolume', plural: 'persistentvolumes', namespaced: false, shortNames: ['pv'], subresources: ['status'] }),
  res({ kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', namespaced: true, shortNames: ['pvc'], subresources: ['status'] }),
  res({ group: 'storage.k8s.io', kind: 'StorageClass', plural: 'storageclasses', namespaced: false, shortNames: ['sc'] }),
  res({ group: 'networking.k8s.io', kind: 'Ingress', plural: 'ingresses', namespaced: true, shortNames: ['ing'], subresources: ['status'] }),
  res({ group: 'networking.k8s.io', kind: 'IngressClass', plural: 'ingressclasses', namespaced: false }),
  res({ kind: 'ResourceQuota', plural: 'resourcequotas', namespaced: true, shortNames: ['quota'], subresources: ['status'] }),
  res({ kind: 'LimitRange', plural: 'limitranges', namespaced: true, shortNames: ['limits'] }),
  // Not stored: a TokenReview is answered (handlers/tokens.ts), like a Binding.
  res({ group: 'authentication.k8s.io', kind: 'TokenReview', plural: 'tokenreviews', namespaced: false, verbs: ['create'] }),
  res({ group: 'certificates.k8s.io', kind: 'CertificateSigningRequest', plural: 'certificatesigningrequests', namespaced: false, shortNames: ['csr'], subresources: ['status', 'approval'] }),
  // Not stored: a SelfSubjectReview is answered with the caller's own identity (handlers/whoami.ts).
  res({ group: 'authentication.k8s.io', kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', namespaced: false, verbs: ['create'] }),
  res({ group: 'rbac.authorization.k8s.io', kind: 'Role', plural: 'roles', namespaced: true }),
  res({ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', plural: 'clusterroles', namespaced: false }),
  res({ group: 'rbac.authorization.k8s.io', kind: 'RoleBinding', plural: 'rolebindings', namespaced: true }),
  res({ group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false }),
  res({ group: 'admissionregistration.k8s.io', kind: 'ValidatingAdmissionPolicy', plural: 'validatingadmissionpolicies', namespaced: false, categories: ['api-extensions'], subresources: ['status'] }),
  res({ group: 'admissionregistration.k8s.io', kind: 'ValidatingAdmissionPolicyBinding', plural: 'validatingadmissionpolicybindings', namespaced: false, categories: ['api-extensions'] }),
  // Not stored: access reviews are answered by the authorizer (handlers/access-reviews.ts).
  res({ group: 'authorization.k8s.io', kind: 'SubjectAccessReview', plural: 'subjectaccessreviews', namespaced: false, verbs: ['create'] }),
  res({ group: 'authorization.k8s.io', kind: 'LocalSubjectAccessReview', plural: 'localsubjectaccessreviews', namespaced: true, verbs: ['create'] }),
  res({ group: 'authorization.k8s.io', kind: 'SelfSubjectAccessReview', plural: 'selfsubjectaccessreviews', namespaced: false, verbs: ['create'] }),
  res({ group: 'authorization.k8s.io', kind: 'SelfSubjectRulesReview', plural: 'selfsubjectrulesreviews', namespaced: false, verbs: ['create'] }),
];

export function apiVersionOf(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/**
 * The built-in resources by `group/version/plural`: every request's path is looked up here. A decoded
 * segment holding a `/` (from %2F) makes a key with more slashes than any built-in one, so it meets none.
 */
let byPath: Map<string, ResourceInfo> | undefined;

export function findResource(group: string, version: string, plural: string): ResourceInfo | undefined {
  byPath ??= new Map(RESOURCES.map((r) => [`${r.group}/${r.version}/${r.plural}`, r]));
  return byPath.get(`${group}/${version}/${plural}`);
}

export function findKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => apiVersionOf(r) === apiVersion && r.kind === kind);
}

/** What a subresource answers with and which verbs it takes (as upstream registers them). */
export interface SubresourceInfo {
  verbs: string[];
  /** The kind it speaks; absent → the parent's kind. */
  kind?: { group: string; version: string; kind: string };
}

export const SUBRESOURCES: Readonly<Record<string, SubresourceInfo>> = {
  status: { verbs: ['get', 'patch', 'update'] },
  binding: { verbs: ['create'], kind: { group: '', version: 'v1', kind: 'Binding' } },
  log: { verbs: ['get'] },
  exec: { verbs: ['create', 'get'], kind: { group: '', version: 'v1', kind: 'PodExecOptions' } },
  attach: { verbs: ['create', 'get'], kind: { group: '', version: 'v1', kind: 'PodAttachOptions' } },
  portforward: { verbs: ['create', 'get'], kind: { group: '', version: 'v1', kind: 'PodPortForwardOptions' } },
  eviction: { verbs: ['create'], kind: { group: 'policy', version: 'v1', kind: 'Eviction' } },
  finalize: { verbs: ['update'] },
  resize: { verbs: ['get', 'patch', 'update'] },
  ephemeralcontainers: { verbs: ['get', 'patch', 'update'] },
  scale: { verbs: ['get', 'patch', 'update'], kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' } },
  token: { verbs: ['create'], kind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' } },
  approval: { verbs: ['get', 'patch', 'update'] },
};

/** The group/versions served, in discovery order (core first). */
export function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of RESOURCES) seen.set(apiVersionOf(r), { group: r.group, version: r.version });
  return [...seen.values()];
}
