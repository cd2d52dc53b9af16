import { validateControllerRevision, validateControllerRevisionUpdate, validateDaemonSet, validateDaemonSetStatusUpdate, validateDaemonSetUpdate, validateDeployment, validateDeploymentUpdate, validateReplicaSet, validateReplicaSetUpdate, validateStatefulSet, validateStatefulSetStatusUpdate, validateStatefulSetUpdate, validateWorkloadStatusUpdate } from './apps.js';
import { validateCronJob, validateCronJobStatusUpdate, validateCronJobUpdate, validateJob, validateJobStatusUpdate, validateJobUpdate } from './batch.js';
import { validateConfigMap, validateConfigMapUpdate } from './configmap.js';
import { validateEndpointSlice, validateEndpointSliceUpdate, validateEndpoints, validateEndpointsUpdate } from './endpoints.js';
import { validatePodTemplate, validatePodTemplateUpdate, validateReplicationController, validateReplicationControllerStatusUpdate, validateReplicationControllerUpdate } from './replication.js';
import { validatePodDisruptionBudget, validatePodDisruptionBudgetStatusUpdate, validatePodDisruptionBudgetUpdate } from './policy.js';
import { validatePriorityClass, validatePriorityClassUpdate } from './priorityclass.js';
import { validateLimitRange, validateLimitRangeUpdate, validateResourceQuota, validateResourceQuotaStatusUpdate, validateResourceQuotaUpdate } from './quota.js';
import { validateCustomResourceDefinition, validateCustomResourceDefinitionUpdate } from './crd.js';
import { validateEvent, validateEventUpdate } from './event.js';
import { validateLease, validateLeaseUpdate } from './lease.js';
import { validateNamespace, validateNamespaceStatusUpdate, validateNamespaceUpdate } from './namespace.js';
import { validateNetworkPolicy, validateNetworkPolicyUpdate } from './networkpolicy.js';
import { validateNode, validateNodeUpdate } from './node.js';
import { validatePod, validatePodStatusUpdate, validatePodUpdate } from './pod.js';
import { validateSecret, validateSecretUpdate } from './secret.js';
import { validateService, validateServiceStatusUpdate, validateServiceUpdate } from './service.js';
import { validateServiceAccount, validateServiceAccountUpdate } from './serviceaccount.js';
import { validateCertificateSigningRequest, validateCertificateSigningRequestUpdate } from './certificates.js';
import { validateClusterRole, validateRole, validateRoleBinding, validateRoleBindingUpdate, validateRoleUpdate } from './rbac.js';
import { validatePersistentVolume, validatePersistentVolumeClaim, validatePersistentVolumeClaimStatusUpdate, validatePersistentVolumeClaimUpdate, validatePersistentVolumeStatusUpdate, validatePersistentVolumeUpdate, validateStorageClass, validateStorageClassUpdate } from './storage.js';
import { validateIngress, validateIngressClass, validateIngressClassUpdate, validateIngressStatusUpdate, validateIngressUpdate } from './ingress.js';
import { validateValidatingAdmissionPolicy, validateValidatingAdmissionPolicyBinding, validateValidatingAdmissionPolicyBindingUpdate, validateValidatingAdmissionPolicyUpdate } from './admission-policy.js';
// The casts are the boundary where decoded JSON becomes a typed object of the kind it says it is.
const RULES = {
    Pod: {
        create: (o) => validatePod(o),
        update: (o, old) => validatePodUpdate(o, old),
        status: (o, old) => validatePodStatusUpdate(o, old),
    },
    Node: {
        create: (o) => validateNode(o),
        update: (o, old) => validateNodeUpdate(o, old),
    },
    Namespace: {
        create: (o) => validateNamespace(o),
        update: (o, old) => validateNamespaceUpdate(o, old),
        status: (o, old) => validateNamespaceStatusUpdate(o, old),
    },
    Event: {
        create: (o) => validateEvent(o),
        update: (o, old) => validateEventUpdate(o, old),
    },
    ConfigMap: {
        create: (o) => validateConfigMap(o),
        update: (o, old) => validateConfigMapUpdate(o, old),
    },
    Secret: {
        create: (o) => validateSecret(o),
        update: (o, old) => validateSecretUpdate(o, old),
    },
    ServiceAccount: {
        create: (o) => validateServiceAccount(o),
        update: (o, old) => validateServiceAccountUpdate(o, old),
    },
    Lease: {
        create: (o) => validateLease(o),
        update: (o, old) => validateLeaseUpdate(o, old),
    },
    Deployment: {
        create: (o) => validateDeployment(o),
        update: (o, old) => validateDeploymentUpdate(o, old),
        status: (o, old) => validateWorkloadStatusUpdate(o, old),
    },
    ReplicaSet: {
        create: (o) => validateReplicaSet(o),
        update: (o, old) => validateReplicaSetUpdate(o, old),
        status: (o, old) => validateWorkloadStatusUpdate(o, old),
    },
    DaemonSet: {
        create: (o) => validateDaemonSet(o),
        update: (o, old) => validateDaemonSetUpdate(o, old),
        status: (o, old) => validateDaemonSetStatusUpdate(o, old),
    },
    StatefulSet: {
        create: (o) => validateStatefulSet(o),
        update: (o, old) => validateStatefulSetUpdate(o, old),
        status: (o, old) => validateStatefulSetStatusUpdate(o, old),
    },
    ControllerRevision: {
        create: (o) => validateControllerRevision(o),
        update: (o, old) => validateControllerRevisionUpdate(o, old),
    },
    NetworkPolicy: {
        create: (o) => validateNetworkPolicy(o),
        update: (o, old) => validateNetworkPolicyUpdate(o, old),
    },
    Service: {
        create: (o) => validateService(o),
        update: (o, old) => validateServiceUpdate(o, old),
        status: (o, old) => validateServiceStatusUpdate(o, old),
    },
    Endpoints: {
        create: (o) => validateEndpoints(o),
        update: (o, old) => validateEndpointsUpdate(o, old),
    },
    EndpointSlice: {
        create: (o) => validateEndpointSlice(o),
        update: (o, old) => validateEndpointSliceUpdate(o, old),
    },
    Job: {
        create: (o) => validateJob(o),
        update: (o, old) => validateJobUpdate(o, old),
        status: (o, old) => validateJobStatusUpdate(o, old),
    },
    CronJob: {
        create: (o) => validateCronJob(o),
        update: (o, old) => validateCronJobUpdate(o, old),
        status: (o, old) => validateCronJobStatusUpdate(o, old),
    },
    ReplicationController: {
        create: (o) => validateReplicationController(o),
        update: (o, old) => validateReplicationControllerUpdate(o, old),
        status: (o, old) => validateReplicationControllerStatusUpdate(o, old),
    },
    PodTemplate: {
        create: (o) => validatePodTemplate(o),
        update: (o, old) => validatePodTemplateUpdate(o, old),
    },
    PodDisruptionBudget: {
        create: (o) => validatePodDisruptionBudget(o),
        update: (o, old) => validatePodDisruptionBudgetUpdate(o, old),
        status: (o, old) => validatePodDisruptionBudgetStatusUpdate(o, old),
    },
    PriorityClass: {
        create: (o) => validatePriorityClass(o),
        update: (o, old) => validatePriorityClassUpdate(o, old),
    },
    ResourceQuota: {
        create: (o) => validateResourceQuota(o),
        update: (o, old) => validateResourceQuotaUpdate(o, old),
        status: (o, old) => validateResourceQuotaStatusUpdate(o, old),
    },
    LimitRange: {
        create: (o) => validateLimitRange(o),
        update: (o, old) => validateLimitRangeUpdate(o, old),
    },
    // Status and approval writes are validated by the CSR strategy (registry/kinds/certificates.ts).
    CertificateSigningRequest: {
        create: (o) => validateCertificateSigningRequest(o),
        update: (o, old) => validateCertificateSigningRequestUpdate(o, old),
    },
    Role: {
        create: (o) => validateRole(o),
        update: (o, old) => validateRoleUpdate(o, old, true),
    },
    ClusterRole: {
        create: (o) => validateClusterRole(o),
        update: (o, old) => validateRoleUpdate(o, old, false),
    },
    RoleBinding: {
        create: (o) => validateRoleBinding(o, true),
        update: (o, old) => validateRoleBindingUpdate(o, old, true),
    },
    ClusterRoleBinding: {
        create: (o) => validateRoleBinding(o, false),
        update: (o, old) => validateRoleBindingUpdate(o, old, false),
    },
    CustomResourceDefinition: {
        create: (o) => validateCustomResourceDefinition(o),
        update: (o, old) => validateCustomResourceDefinitionUpdate(o, old),
        status: (o, old) => validateCustomResourceDefinitionUpdate(o, old),
    },
    PersistentVolume: {
        create: (o) => validatePersistentVolume(o),
        update: (o, old) => validatePersistentVolumeUpdate(o, old),
        status: (o, old) => validatePersistentVolumeStatusUpdate(o, old),
    },
    PersistentVolumeClaim: {
        create: (o) => validatePersistentVolumeClaim(o),
        update: (o, old) => validatePersistentVolumeClaimUpdate(o, old),
        status: (o, old) => validatePersistentVolumeClaimStatusUpdate(o, old),
    },
    StorageClass: {
        create: (o) => validateStorageClass(o),
        update: (o, old) => validateStorageClassUpdate(o, old),
    },
    Ingress: {
        create: (o) => validateIngress(o),
        update: (o, old) => validateIngressUpdate(o, old),
        status: (o, old) => validateIngressStatusUpdate(o, old),
    },
    IngressClass: {
        create: (o) => validateIngressClass(o),
        update: (o, old) => validateIngressClassUpdate(o, old),
    },
    ValidatingAdmissionPolicy: {
        create: (o) => validateValidatingAdmissionPolicy(o),
        update: (o, old) => validateValidatingAdmissionPolicyUpdate(o, old),
    },
    ValidatingAdmissionPolicyBinding: {
        create: (o) => validateValidatingAdmissionPolicyBinding(o),
        update: (o, old) => validateValidatingAdmissionPolicyBindingUpdate(o, old),
    },
};
function rulesFor(kind) {
    const rules = RULES[kind];
    if (!rules)
        throw new Error(`no validation rules for kind ${kind}`);
    return rules;
}
export function validateCreate(kind, obj) {
    return rulesFor(kind).create(obj);
}
export function validateUpdate(kind, obj, old) {
    return rulesFor(kind).update(obj, old);
}
export function validateStatusUpdate(kind, obj, old) {
    const rules = rulesFor(kind);
    return (rules.status ?? rules.update)(obj, old);
}
export { validateBinding } from './pod.js';
//# sourceMappingURL=index.js.map