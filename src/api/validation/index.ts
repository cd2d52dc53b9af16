// The one entry point the registry calls: per-kind validation for create, update and status update.
// Each function returns the causes; the registry turns a non-empty list into a 422 with invalid().
import type { Cause } from '../errors.js';
import type { CertificateSigningRequest, ClusterRole, ConfigMap, ControllerRevision, CoreEvent, CronJob, CustomResourceDefinition, DaemonSet, Deployment, Endpoints, EndpointSlice, Ingress, IngressClass, Job, KObject, Lease, Namespace, NetworkPolicy, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodDisruptionBudget, PodTemplate, PriorityClass, ReplicaSet, ReplicationController, Role, RoleBinding, Secret, Service, ServiceAccount, StatefulSet, StorageClass } from '../types.js';
import { validateControllerRevision, validateControllerRevisionUpdate, validateDaemonSet, validateDaemonSetStatusUpdate, validateDaemonSetUpdate, validateDeployment, validateDeploymentUpdate, validateReplicaSet, validateReplicaSetUpdate, validateStatefulSet, validateStatefulSetStatusUpdate, validateStatefulSetUpdate, validateWorkloadStatusUpdate } from './apps.js';
import { validateCronJob, validateCronJobStatusUpdate, validateCronJobUpdate, validateJob, validateJobStatusUpdate, validateJobUpdate } from './batch.js';
import { validateConfigMap, validateConfigMapUpdate } from './configmap.js';
import { validateEndpointSlice, validateEndpointSliceUpdate, validateEndpoints, validateEndpointsUpdate } from './endpoints.js';
import { validatePodTemplate, validatePodTemplateUpdate, validateReplicationController, validateReplicationControllerStatusUpdate, validateReplicationControllerUpdate } from './replication.js';
import { validatePodDisruptionBudget, validatePodDisruptionBudgetStatusUpdate, validatePodDisruptionBudgetUpdate } from './policy.js';
import { validatePriorityClass, validatePriorityClassUpdate } from './priorityclass.js';
import { validateLimitRange, validateLimitRangeUpdate, validateResourceQuota, validateResourceQuotaStatusUpdate, validateResourceQuotaUpdate } from './quota.js';
import type { LimitRange, ResourceQuota } from '../types.js';
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
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from '../types.js';

interface KindRules {
  create(obj: KObject): Cause[];
  update(obj: KObject, old: KObject): Cause[];
  /** Status writes; kinds without a status subresource validate as a plain update. */
  status?(obj: KObject, old: KObject): Cause[];
}

// The casts are the boundary where decoded JSON becomes a typed object of the kind it says it is.
const RULES: Record<string, KindRules> = {
  Pod: {
    create: (o) => validatePod(o as Pod),
    update: (o, old) => validatePodUpdate(o as Pod, old as Pod),
    status: (o, old) => validatePodStatusUpdate(o as Pod, old as Pod),
  },
  Node: {
    create: (o) => validateNode(o as Node),
    update: (o, old) => validateNodeUpdate(o as Node, old as Node),
  },
  Namespace: {
    create: (o) => validateNamespace(o as Namespace),
    update: (o, old) => validateNamespaceUpdate(o as Namespace, old as Namespace),
    status: (o, old) => validateNamespaceStatusUpdate(o as Namespace, old as Namespace),
  },
  Event: {
    create: (o) => validateEvent(o as CoreEvent),
    update: (o, old) => validateEventUpdate(o as CoreEvent, old as CoreEvent),
  },
  ConfigMap: {
    create: (o) => validateConfigMap(o as ConfigMap),
    update: (o, old) => validateConfigMapUpdate(o as ConfigMap, old as ConfigMap),
  },
  Secret: {
    create: (o) => validateSecret(o as Secret),
    update: (o, old) => validateSecretUpdate(o as Secret, old as Secret),
  },
  ServiceAccount: {
    create: (o) => validateServiceAccount(o as ServiceAccount),
    update: (o, old) => validateServiceAccountUpdate(o as ServiceAccount, old as ServiceAccount),
  },
  Lease: {
    create: (o) => validateLease(o as Lease),
    update: (o, old) => validateLeaseUpdate(o as Lease, old as Lease),
  },
  Deployment: {
    create: (o) => validateDeployment(o as Deployment),
    update: (o, old) => validateDeploymentUpdate(o as Deployment, old as Deployment),
    status: (o, old) => validateWorkloadStatusUpdate(o as Deployment, old as Deployment),
  },
  ReplicaSet: {
    create: (o) => validateReplicaSet(o as ReplicaSet),
    update: (o, old) => validateReplicaSetUpdate(o as ReplicaSet, old as ReplicaSet),
    status: (o, old) => validateWorkloadStatusUpdate(o as ReplicaSet, old as ReplicaSet),
  },
  DaemonSet: {
    create: (o) => validateDaemonSet(o as DaemonSet),
    update: (o, old) => validateDaemonSetUpdate(o as DaemonSet, old as DaemonSet),
    status: (o, old) => validateDaemonSetStatusUpdate(o as DaemonSet, old as DaemonSet),
  },
  StatefulSet: {
    create: (o) => validateStatefulSet(o as StatefulSet),
    update: (o, old) => validateStatefulSetUpdate(o as StatefulSet, old as StatefulSet),
    status: (o, old) => validateStatefulSetStatusUpdate(o as StatefulSet, old as StatefulSet),
  },
  ControllerRevision: {
    create: (o) => validateControllerRevision(o as ControllerRevision),
    update: (o, old) => validateControllerRevisionUpdate(o as ControllerRevision, old as ControllerRevision),
  },
  NetworkPolicy: {
    create: (o) => validateNetworkPolicy(o as NetworkPolicy),
    update: (o, old) => validateNetworkPolicyUpdate(o as NetworkPolicy, old as NetworkPolicy),
  },
  Service: {
    create: (o) => validateService(o as Service),
    update: (o, old) => validateServiceUpdate(o as Service, old as Service),
    status: (o, old) => validateServiceStatusUpdate(o as Service, old as Service),
  },
  Endpoints: {
    create: (o) => validateEndpoints(o as Endpoints),
    update: (o, old) => validateEndpointsUpdate(o as Endpoints, old as Endpoints),
  },
  EndpointSlice: {
    create: (o) => validateEndpointSlice(o as EndpointSlice),
    update: (o, old) => validateEndpointSliceUpdate(o as EndpointSlice, old as EndpointSlice),
  },
  Job: {
    create: (o) => validateJob(o as Job),
    update: (o, old) => validateJobUpdate(o as Job, old as Job),
    status: (o, old) => validateJobStatusUpdate(o as Job, old as Job),
  },
  CronJob: {
    create: (o) => validateCronJob(o as CronJob),
    update: (o, old) => validateCronJobUpdate(o as CronJob, old as CronJob),
    status: (o, old) => validateCronJobStatusUpdate(o as CronJob, old as CronJob),
  },
  ReplicationController: {
    create: (o) => validateReplicationController(o as ReplicationController),
    update: (o, old) => validateReplicationControllerUpdate(o as ReplicationController, old as ReplicationController),
    status: (o, old) => validateReplicationControllerStatusUpdate(o as ReplicationController, old as ReplicationController),
  },
  PodTemplate: {
    create: (o) => validatePodTemplate(o as PodTemplate),
    update: (o, old) => validatePodTemplateUpdate(o as PodTemplate, old as PodTemplate),
  },
  PodDisruptionBudget: {
    create: (o) => validatePodDisruptionBudget(o as PodDisruptionBudget),
    update: (o, old) => validatePodDisruptionBudgetUpdate(o as PodDisruptionBudget, old as PodDisruptionBudget),
    status: (o, old) => validatePodDisruptionBudgetStatusUpdate(o as PodDisruptionBudget, old as PodDisruptionBudget),
  },
  PriorityClass: {
    create: (o) => validatePriorityClass(o as PriorityClass),
    update: (o, old) => validatePriorityClassUpdate(o as PriorityClass, old as PriorityClass),
  },
  ResourceQuota: {
    create: (o) => validateResourceQuota(o as ResourceQuota),
    update: (o, old) => validateResourceQuotaUpdate(o as ResourceQuota, old as ResourceQuota),
    status: (o, old) => validateResourceQuotaStatusUpdate(o as ResourceQuota, old as ResourceQuota),
  },
  LimitRange: {
    create: (o) => validateLimitRange(o as LimitRange),
    update: (o, old) => validateLimitRangeUpdate(o as LimitRange, old as LimitRange),
  },
  // Status and approval writes are validated by the CSR strategy (registry/kinds/certificates.ts).
  CertificateSigningRequest: {
    create: (o) => validateCertificateSigningRequest(o as CertificateSigningRequest),
    update: (o, old) => validateCertificateSigningRequestUpdate(o as CertificateSigningRequest, old as CertificateSigningRequest),
  },
  Role: {
    create: (o) => validateRole(o as Role),
    update: (o, old) => validateRoleUpdate(o as Role, old as Role, true),
  },
  ClusterRole: {
    create: (o) => validateClusterRole(o as ClusterRole),
    update: (o, old) => validateRoleUpdate(o as ClusterRole, old as ClusterRole, false),
  },
  RoleBinding: {
    create: (o) => validateRoleBinding(o as RoleBinding, true),
    update: (o, old) => validateRoleBindingUpdate(o as RoleBinding, old as RoleBinding, true),
  },
  ClusterRoleBinding: {
    create: (o) => validateRoleBinding(o as RoleBinding, false),
    update: (o, old) => validateRoleBindingUpdate(o as RoleBinding, old as RoleBinding, false),
  },
  CustomResourceDefinition: {
    create: (o) => validateCustomResourceDefinition(o as CustomResourceDefinition),
    update: (o, old) => validateCustomResourceDefinitionUpdate(o as CustomResourceDefinition, old as CustomResourceDefinition),
    status: (o, old) => validateCustomResourceDefinitionUpdate(o as CustomResourceDefinition, old as CustomResourceDefinition),
  },
  PersistentVolume: {
    create: (o) => validatePersistentVolume(o as PersistentVolume),
    update: (o, old) => validatePersistentVolumeUpdate(o as PersistentVolume, old as PersistentVolume),
    status: (o, old) => validatePersistentVolumeStatusUpdate(o as PersistentVolume, old as PersistentVolume),
  },
  PersistentVolumeClaim: {
    create: (o) => validatePersistentVolumeClaim(o as PersistentVolumeClaim),
    update: (o, old) => validatePersistentVolumeClaimUpdate(o as PersistentVolumeClaim, old as PersistentVolumeClaim),
    status: (o, old) => validatePersistentVolumeClaimStatusUpdate(o as PersistentVolumeClaim, old as PersistentVolumeClaim),
  },
  StorageClass: {
    create: (o) => validateStorageClass(o as StorageClass),
    update: (o, old) => validateStorageClassUpdate(o as StorageClass, old as StorageClass),
  },
  Ingress: {
    create: (o) => validateIngress(o as Ingress),
    update: (o, old) => validateIngressUpdate(o as Ingress, old as Ingress),
    status: (o, old) => validateIngressStatusUpdate(o as Ingress, old as Ingress),
  },
  IngressClass: {
    create: (o) => validateIngressClass(o as IngressClass),
    update: (o, old) => validateIngressClassUpdate(o as IngressClass, old as IngressClass),
  },
  ValidatingAdmissionPolicy: {
    create: (o) => validateValidatingAdmissionPolicy(o as ValidatingAdmissionPolicy),
    update: (o, old) => validateValidatingAdmissionPolicyUpdate(o as ValidatingAdmissionPolicy, old as ValidatingAdmissionPolicy),
  },
  ValidatingAdmissionPolicyBinding: {
    create: (o) => validateValidatingAdmissionPolicyBinding(o as ValidatingAdmissionPolicyBinding),
    update: (o, old) => validateValidatingAdmissionPolicyBindingUpdate(o as ValidatingAdmissionPolicyBinding, old as ValidatingAdmissionPolicyBinding),
  },
};

function rulesFor(kind: string): KindRules {
  const rules = RULES[kind];
  if (!rules) throw new Error(`no validation rules for kind ${kind}`);
  return rules;
}

export function validateCreate(kind: string, obj: KObject): Cause[] {
  return rulesFor(kind).create(obj);
}

export function validateUpdate(kind: string, obj: KObject, old: KObject): Cause[] {
  return rulesFor(kind).update(obj, old);
}

export function validateStatusUpdate(kind: string, obj: KObject, old: KObject): Cause[] {
  const rules = rulesFor(kind);
  return (rules.status ?? rules.update)(obj, old);
}

export { validateBinding } from './pod.js';
