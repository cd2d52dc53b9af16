// The one entry point the registry calls to fill in a new object of any kind, before validation.
import type { CronJob, CustomResourceDefinition, DaemonSet, Deployment, IngressClass, Job, KObject, LimitRange, Namespace, NetworkPolicy, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodTemplate, PriorityClass, ReplicaSet, ReplicationController, RoleBinding, Secret, Service, StatefulSet, StorageClass, ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from '../types.js';
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
const DEFAULTERS: Record<string, (obj: KObject) => void> = {
  Pod: (o) => defaultPod(o as Pod),
  Node: (o) => defaultNode(o as Node),
  Namespace: (o) => defaultNamespace(o as Namespace),
  Secret: (o) => defaultSecret(o as Secret),
  Deployment: (o) => defaultDeployment(o as Deployment),
  ReplicaSet: (o) => defaultReplicaSet(o as ReplicaSet),
  DaemonSet: (o) => defaultDaemonSet(o as DaemonSet),
  StatefulSet: (o) => defaultStatefulSet(o as StatefulSet),
  NetworkPolicy: (o) => defaultNetworkPolicy(o as NetworkPolicy),
  Service: (o) => defaultService(o as Service),
  Job: (o) => defaultJob(o as Job),
  CronJob: (o) => defaultCronJob(o as CronJob),
  ReplicationController: (o) => defaultReplicationController(o as ReplicationController),
  PodTemplate: (o) => defaultPodTemplateObject(o as PodTemplate),
  PriorityClass: (o) => defaultPriorityClass(o as PriorityClass),
  RoleBinding: (o) => defaultRoleBinding(o as RoleBinding),
  ClusterRoleBinding: (o) => defaultRoleBinding(o as RoleBinding),
  CustomResourceDefinition: (o) => defaultCustomResourceDefinition(o as CustomResourceDefinition),
  PersistentVolume: (o) => defaultPersistentVolume(o as PersistentVolume),
  PersistentVolumeClaim: (o) => defaultPersistentVolumeClaim(o as PersistentVolumeClaim),
  StorageClass: (o) => defaultStorageClass(o as StorageClass),
  IngressClass: (o) => defaultIngressClass(o as IngressClass),
  LimitRange: (o) => defaultLimitRange(o as LimitRange),
  ValidatingAdmissionPolicy: (o) => defaultValidatingAdmissionPolicy(o as ValidatingAdmissionPolicy),
  ValidatingAdmissionPolicyBinding: (o) => defaultValidatingAdmissionPolicyBinding(o as ValidatingAdmissionPolicyBinding),
};

/** Mutates `obj` in place with the defaults Kubernetes applies on create. */
export function applyDefaults(kind: string, obj: KObject): void {
  DEFAULTERS[kind]?.(obj);
}
