// apps/v1 defaults: Deployment, ReplicaSet, DaemonSet and StatefulSet, and the Pod template they all carry.
import { defaultPod } from './pod.js';
/**
 * A template gets the PodSpec defaults of the API's types (restart policy, DNS policy, grace period,
 * container pull policies, …) but not what admission adds to a created Pod (service account, priority,
 * default tolerations): those come when the controller creates each Pod.
 */
export function defaultPodTemplate(template) {
    if (!template || typeof template !== 'object')
        return;
    template.spec ??= { containers: [] };
    const kept = template.spec;
    const pod = { metadata: {}, spec: structuredClone(kept) };
    defaultPod(pod);
    const { serviceAccountName, serviceAccount, priority, preemptionPolicy, tolerations, ...typed } = pod.spec;
    template.spec = {
        ...typed,
        ...(kept.serviceAccountName !== undefined ? { serviceAccountName } : {}),
        ...(kept.serviceAccount !== undefined ? { serviceAccount } : {}),
        ...(kept.priority !== undefined ? { priority } : {}),
        ...(kept.preemptionPolicy !== undefined ? { preemptionPolicy } : {}),
        ...(kept.tolerations !== undefined ? { tolerations } : {}),
    };
}
export function defaultReplicaSet(rs) {
    rs.spec ??= {};
    rs.spec.replicas ??= 1;
    rs.spec.minReadySeconds ??= 0;
    defaultPodTemplate(rs.spec.template);
}
export function defaultDeployment(d) {
    d.spec ??= {};
    const spec = d.spec;
    spec.replicas ??= 1;
    spec.strategy ??= {};
    spec.strategy.type ??= 'RollingUpdate';
    if (spec.strategy.type === 'RollingUpdate') {
        spec.strategy.rollingUpdate ??= {};
        spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
        spec.strategy.rollingUpdate.maxSurge ??= '25%';
    }
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    spec.minReadySeconds ??= 0;
    defaultPodTemplate(spec.template);
}
export function defaultDaemonSet(ds) {
    ds.spec ??= {};
    const spec = ds.spec;
    spec.updateStrategy ??= {};
    spec.updateStrategy.type ??= 'RollingUpdate';
    if (spec.updateStrategy.type === 'RollingUpdate') {
        spec.updateStrategy.rollingUpdate ??= {};
        spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
        spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
    }
    spec.revisionHistoryLimit ??= 10;
    defaultPodTemplate(spec.template);
}
export function defaultStatefulSet(sts) {
    sts.spec ??= {};
    const spec = sts.spec;
    spec.replicas ??= 1;
    spec.podManagementPolicy ??= 'OrderedReady';
    spec.updateStrategy ??= {};
    spec.updateStrategy.type ??= 'RollingUpdate';
    if (spec.updateStrategy.type === 'RollingUpdate') {
        spec.updateStrategy.rollingUpdate ??= {};
        spec.updateStrategy.rollingUpdate.partition ??= 0;
    }
    spec.revisionHistoryLimit ??= 10;
    spec.persistentVolumeClaimRetentionPolicy ??= {};
    spec.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain';
    spec.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain';
    defaultPodTemplate(spec.template);
}
//# sourceMappingURL=apps.js.map