// core/v1 defaults for the kinds that carry a Pod template outside apps/v1: ReplicationController
// (selector and labels default to the template's labels, as upstream) and PodTemplate.

import type { PodTemplate, ReplicationController } from '../types.js';
import { defaultPodTemplate } from './apps.js';

export function defaultReplicationController(rc: ReplicationController): void {
  rc.spec ??= {};
  const labels = rc.spec.template?.metadata?.labels;
  if (labels) {
    if (!rc.spec.selector || Object.keys(rc.spec.selector).length === 0) rc.spec.selector = { ...labels };
    if (!rc.metadata.labels || Object.keys(rc.metadata.labels).length === 0) rc.metadata.labels = { ...labels };
  }
  rc.spec.replicas ??= 1;
  defaultPodTemplate(rc.spec.template);
}

export function defaultPodTemplateObject(pt: PodTemplate): void {
  defaultPodTemplate(pt.template);
}
