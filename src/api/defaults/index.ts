// The one entry point the registry calls to fill in a new object of any kind, before validation.
import type { Deployment, KObject, Namespace, Node, Pod, ReplicaSet, Secret } from '../types.js';
import { defaultDeployment, defaultReplicaSet } from './apps.js';
import { defaultNamespace } from './namespace.js';
import { defaultNode } from './node.js';
import { defaultPod } from './pod.js';
import { defaultSecret } from './secret.js';
import type { PodTemplate, PriorityClass, ReplicationController } from '../types.js';
import { defaultPodTemplateObject, defaultReplicationController } from './replication.js';
import { defaultPriorityClass } from './priorityclass.js';

// Kinds not listed (Event, ConfigMap, ServiceAccount, Lease) have no defaults upstream.
const DEFAULTERS: Record<string, (obj: KObject) => void> = {
  Pod: (o) => defaultPod(o as Pod),
  Node: (o) => defaultNode(o as Node),
  Namespace: (o) => defaultNamespace(o as Namespace),
  Secret: (o) => defaultSecret(o as Secret),
  Deployment: (o) => defaultDeployment(o as Deployment),
  ReplicaSet: (o) => defaultReplicaSet(o as ReplicaSet),
  ReplicationController: (o) => defaultReplicationController(o as ReplicationController),
  PodTemplate: (o) => defaultPodTemplateObject(o as PodTemplate),
  PriorityClass: (o) => defaultPriorityClass(o as PriorityClass),
};

/** Mutates `obj` in place with the defaults Kubernetes applies on create. */
export function applyDefaults(kind: string, obj: KObject): void {
  DEFAULTERS[kind]?.(obj);
}
