import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './apps.js';
import { defaultCronJob, defaultJob } from './batch.js';
import { defaultNamespace } from './namespace.js';
import { defaultNetworkPolicy } from './networkpolicy.js';
import { defaultNode } from './node.js';
import { defaultPod } from './pod.js';
import { defaultService } from './service.js';
import { defaultSecret } from './secret.js';
import { defaultPodTemplateObject, defaultReplicationController } from './replication.js';
import { defaultPriorityClass } from './priorityclass.js';
import { defaultLimitRange } from './limitrange.js';
import { defaultRoleBinding } from './rbac.js';
import { defaultCustomResourceDefinition } from './crd.js';
import { defaultIngressClass, defaultPersistentVolume, defaultPersistentVolumeClaim, defaultStorageClass } from './storage.js';
import { defaultValidatingAdmissionPolicy, defaultValidatingAdmissionPolicyBinding } from './admission-policy.js';
// Kinds not listed (Event, ConfigMap, ServiceAccount, Lease) have no defaults upstream.
const DEFAULTERS = {
    Pod: (o) => defaultPod(o),
    Node: (o) => defaultNode(o),
    Namespace: (o) => defaultNamespace(o),
    Secret: (o) => defaultSecret(o),
    Deployment: (o) => defaultDeployment(o),
    ReplicaSet: (o) => defaultReplicaSet(o),
    DaemonSet: (o) => defaultDaemonSet(o),
    StatefulSet: (o) => defaultStatefulSet(o),
    NetworkPolicy: (o) => defaultNetworkPolicy(o),
    Service: (o) => defaultService(o),
    Job: (o) => defaultJob(o),
    CronJob: (o) => defaultCronJob(o),
    ReplicationController: (o) => defaultReplicationController(o),
    PodTemplate: (o) => defaultPodTemplateObject(o),
    PriorityClass: (o) => defaultPriorityClass(o),
    RoleBinding: (o) => defaultRoleBinding(o),
    ClusterRoleBinding: (o) => defaultRoleBinding(o),
    CustomResourceDefinition: (o) => defaultCustomResourceDefinition(o),
    PersistentVolume: (o) => defaultPersistentVolume(o),
    PersistentVolumeClaim: (o) => defaultPersistentVolumeClaim(o),
    StorageClass: (o) => defaultStorageClass(o),
    IngressClass: (o) => defaultIngressClass(o),
    LimitRange: (o) => defaultLimitRange(o),
    ValidatingAdmissionPolicy: (o) => defaultValidatingAdmissionPolicy(o),
    ValidatingAdmissionPolicyBinding: (o) => defaultValidatingAdmissionPolicyBinding(o),
};
/** Mutates `obj` in place with the defaults Kubernetes applies on create. */
export function applyDefaults(kind, obj) {
    DEFAULTERS[kind]?.(obj);
}
//# sourceMappingURL=index.js.map