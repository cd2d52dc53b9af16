// The rows of `kubectl get deployments|replicasets`, with upstream's columns: READY / UP-TO-DATE /
// AVAILABLE for Deployments, DESIRED / CURRENT / READY for ReplicaSets, and -o wide's CONTAINERS,
// IMAGES and SELECTOR for both.

import { fromLabelSelectorObject, selectorString } from '../selectors/labels.js';
import type { Deployment, KObject, ReplicaSet } from '../types.js';
import { ageColumn, column, doc, nameColumn, type ColumnDefinition } from './columns.js';
import { since } from './duration.js';

const apps = (type: string) => `io.k8s.api.apps.v1.${type}`;

function templateColumns(specDef: string): ColumnDefinition[] {
  return [
    column('Containers', 'Names of each container in the template.', { priority: 1 }),
    column('Images', 'Images referenced by each container in the template.', { priority: 1 }),
    column('Selector', doc(apps(specDef), 'selector'), { priority: 1 }),
  ];
}

function templateCells(spec: ReplicaSet['spec'] | Deployment['spec'] | undefined): string[] {
  const containers = spec?.template?.spec?.containers ?? [];
  // A malformed selector cannot be stored; printing an old one must not fail the whole list.
  let selector = '';
  try {
    selector = selectorString(fromLabelSelectorObject(spec?.selector));
  } catch {
    selector = '<error>';
  }
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(','), selector];
}

export function deploymentColumns(): ColumnDefinition[] {
  return [
    nameColumn(),
    column('Ready', 'Number of the pod with ready state'),
    column('Up-to-date', doc(apps('DeploymentStatus'), 'updatedReplicas'), { type: 'integer' }),
    column('Available', doc(apps('DeploymentStatus'), 'availableReplicas'), { type: 'integer' }),
    ageColumn(),
    ...templateColumns('DeploymentSpec'),
  ];
}

export function deploymentCells(o: KObject, now: Date): unknown[] {
  const d = o as Deployment;
  const s = d.status ?? {};
  return [o.metadata.name, `${s.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, s.updatedReplicas ?? 0, s.availableReplicas ?? 0, since(o.metadata.creationTimestamp, now), ...templateCells(d.spec)];
}

export function replicaSetColumns(): ColumnDefinition[] {
  return [
    nameColumn(),
    column('Desired', 'Number of desired pods', { type: 'integer' }),
    column('Current', 'Number of actually running pods', { type: 'integer' }),
    column('Ready', 'Number of pods with ready state', { type: 'integer' }),
    ageColumn(),
    ...templateColumns('ReplicaSetSpec'),
  ];
}

export function replicaSetCells(o: KObject, now: Date): unknown[] {
  const rs = o as ReplicaSet;
  const s = rs.status;
  return [o.metadata.name, rs.spec?.replicas ?? 0, s?.replicas ?? 0, s?.readyReplicas ?? 0, since(o.metadata.creationTimestamp, now), ...templateCells(rs.spec)];
}
