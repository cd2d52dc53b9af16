// Resource descriptors: where a kind lives in the API's URL space.
import { findKind } from '../api/schema/resources.js';
/** A served kind's descriptor, from the one list the API server is generated from. */
function served(apiVersion, kind) {
    const r = findKind(apiVersion, kind);
    if (!r)
        throw new Error(`${apiVersion} ${kind} is not served`);
    return { group: r.group, version: r.version, plural: r.plural, namespaced: r.namespaced, kind: r.kind };
}
export const pods = served('v1', 'Pod');
export const nodes = served('v1', 'Node');
export const events = served('v1', 'Event');
export const namespaces = served('v1', 'Namespace');
export const configMaps = served('v1', 'ConfigMap');
export const secrets = served('v1', 'Secret');
export const leases = served('coordination.k8s.io/v1', 'Lease');
export const deployments = served('apps/v1', 'Deployment');
export const replicaSets = served('apps/v1', 'ReplicaSet');
export const daemonSets = served('apps/v1', 'DaemonSet');
export const statefulSets = served('apps/v1', 'StatefulSet');
export const controllerRevisions = served('apps/v1', 'ControllerRevision');
export const networkPolicies = served('networking.k8s.io/v1', 'NetworkPolicy');
export const services = served('v1', 'Service');
export const endpoints = served('v1', 'Endpoints');
export const endpointSlices = served('discovery.k8s.io/v1', 'EndpointSlice');
export const jobs = served('batch/v1', 'Job');
export const cronJobs = served('batch/v1', 'CronJob');
export const replicationControllers = served('v1', 'ReplicationController');
export const podDisruptionBudgets = served('policy/v1', 'PodDisruptionBudget');
export const priorityClasses = served('scheduling.k8s.io/v1', 'PriorityClass');
export const serviceAccounts = served('v1', 'ServiceAccount');
export const certificateSigningRequests = served('certificates.k8s.io/v1', 'CertificateSigningRequest');
export const roles = served('rbac.authorization.k8s.io/v1', 'Role');
export const clusterRoles = served('rbac.authorization.k8s.io/v1', 'ClusterRole');
export const roleBindings = served('rbac.authorization.k8s.io/v1', 'RoleBinding');
export const clusterRoleBindings = served('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding');
export const persistentVolumes = served('v1', 'PersistentVolume');
export const persistentVolumeClaims = served('v1', 'PersistentVolumeClaim');
export const storageClasses = served('storage.k8s.io/v1', 'StorageClass');
export const ingresses = served('networking.k8s.io/v1', 'Ingress');
export const ingressClasses = served('networking.k8s.io/v1', 'IngressClass');
export const resourceQuotas = served('v1', 'ResourceQuota');
export const limitRanges = served('v1', 'LimitRange');
export const validatingAdmissionPolicies = served('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy');
export const validatingAdmissionPolicyBindings = served('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding');
export const customResourceDefinitions = served('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
/** `/api/v1/namespaces/ns/pods/name/status`, leaving out the parts not given. */
export function resourcePath(res, namespace, name, subresource) {
    let p = res.group ? `/apis/${res.group}/${res.version}` : `/api/${res.version}`;
    if (res.namespaced && namespace)
        p += `/namespaces/${encodeURIComponent(namespace)}`;
    p += `/${res.plural}`;
    if (name !== undefined)
        p += `/${encodeURIComponent(name)}`;
    if (subresource)
        p += `/${subresource}`;
    return p;
}
//# sourceMappingURL=resources.js.map