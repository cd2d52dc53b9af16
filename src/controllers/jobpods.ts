// What the Job controller reads from and writes into its Pods: the Pod a template makes (the tracking
// finalizer, and for Indexed Jobs the completion index as annotation, label, env and hostname), when a
// Pod finished, which podFailurePolicy rule its failure matches, and completion index sets in the
// "1,3-5,7" text of status.completedIndexes.

import type { EnvVar, Job, Pod, PodFailurePolicyRule } from '../api/types.js';
import { controllerRef } from './controllerref.js';

/** Held on every Pod a Job creates until its end is counted in the Job's status, so none is lost or counted twice. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

export function podFromJob(job: Job, index: number | undefined): Pod {
  const t = job.spec.template;
  const meta = t.metadata ?? {};
  const name = job.metadata.name!;
  const spec = structuredClone(t.spec) as Pod['spec'];
  const indexed: Record<string, string> = index !== undefined ? { [COMPLETION_INDEX]: String(index) } : {};
  if (index !== undefined) {
    spec.hostname ??= `${name}-${index}`;
    const env: EnvVar = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } } };
    for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) c.env = [...(c.env ?? []), env];
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: index !== undefined ? `${name}-${index}-` : `${name}-`,
      namespace: job.metadata.namespace,
      labels: { ...(meta.labels ?? {}), ...indexed },
      annotations: { ...(meta.annotations ?? {}), ...indexed },
      finalizers: [...(meta.finalizers ?? []), JOB_TRACKING_FINALIZER],
      ownerReferences: [controllerRef(job, 'batch/v1', 'Job')],
    },
    spec,
  };
}

export function completionIndex(p: Pod): number | undefined {
  const v = p.metadata.annotations?.[COMPLETION_INDEX];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

export const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/**
 * When a Pod ended: its containers' last finish, else when it was marked for deletion, else now.
 * finishedAt is a Time (whole seconds): its second's end, so a backoff counted from it never starts early.
 */
export function finishedAt(p: Pod, now: number): number {
  const ends = [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])]
    .map((c) => Date.parse(c.state?.terminated?.finishedAt ?? '') + 999)
    .filter((t) => !Number.isNaN(t));
  if (ends.length) return Math.max(...ends);
  const deleted = Date.parse(p.metadata.deletionTimestamp ?? '');
  return Number.isNaN(deleted) ? now : deleted;
}

export interface PolicyMatch {
  rule: PodFailurePolicyRule;
  index: number;
  /** The FailJob message upstream writes for this match. */
  message: string;
}

/** The first podFailurePolicy rule a failed Pod matches (containers that exited 0 never match exit codes). */
export function matchFailurePolicy(job: Job, p: Pod): PolicyMatch | undefined {
  const rules = job.spec.podFailurePolicy?.rules ?? [];
  const podName = `${p.metadata.namespace}/${p.metadata.name}`;
  for (const [i, rule] of rules.entries()) {
    const ex = rule.onExitCodes;
    if (ex) {
      const statuses = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])];
      for (const c of statuses) {
        if (ex.containerName !== undefined && c.name !== ex.containerName) continue;
        const code = c.state?.terminated?.exitCode;
        if (code === undefined || code === 0) continue;
        if (ex.values.includes(code) === (ex.operator === 'In')) {
          return { rule, index: i, message: `Container ${c.name} for pod ${podName} failed with exit code ${code} matching ${rule.action} rule at index ${i}` };
        }
      }
    }
    for (const want of rule.onPodConditions ?? []) {
      const found = p.status?.conditions?.find((c) => c.type === want.type && c.status === (want.status ?? 'True'));
      if (found) return { rule, index: i, message: `Pod ${podName} has condition ${want.type} matching ${rule.action} rule at index ${i}` };
    }
  }
  return undefined;
}

/** "1,3-5,7" → {1,3,4,5,7}; malformed parts are skipped (the text is the controller's own). */
export function parseIndexes(text: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    for (let i = Number(m[1]); i <= Number(m[2] ?? m[1]); i++) out.add(i);
  }
  return out;
}

/** {1,3,4,5,7} → "1,3-5,7": runs of three or more as a range, as upstream writes them. */
export function formatIndexes(set: Set<number>): string {
  const sorted = [...set].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}-${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(',');
}
