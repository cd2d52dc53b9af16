// Columns and cells for every kind berth serves besides Pod, following upstream's printers; kinds
// without a printer get the default Name / Created At table.
import { since } from './duration.js';
import { ageColumn, column, core, createdAtColumn, doc, nameColumn } from './columns.js';
import { podCells, podColumns, podRowConditions } from './pod.js';
import { controllerRevisionCells, controllerRevisionColumns, daemonSetCells, daemonSetColumns, deploymentCells, deploymentColumns, replicaSetCells, replicaSetColumns, statefulSetCells, statefulSetColumns } from './apps.js';
import { networkPolicyCells, networkPolicyColumns } from './networkpolicy.js';
import { endpointSliceCells, endpointSliceColumns, endpointsCells, endpointsColumns, serviceCells, serviceColumns } from './service.js';
import { cronJobCells, cronJobColumns, jobCells, jobColumns } from './batch.js';
import { certificateSigningRequestCells, certificateSigningRequestColumns } from './certificates.js';
import { roleBindingCells, roleBindingColumns } from './rbac.js';
import { persistentVolumeCells, persistentVolumeClaimCells, persistentVolumeClaimColumns, persistentVolumeColumns, storageClassCells, storageClassColumns } from './storage.js';
import { ingressCells, ingressClassCells, ingressClassColumns, ingressColumns } from './ingress.js';
import { resourceQuotaCells, resourceQuotaColumns } from './quota.js';
import { podDisruptionBudgetCells, podDisruptionBudgetColumns, podTemplateCells, podTemplateColumns, priorityClassCells, priorityClassColumns, replicationControllerCells, replicationControllerColumns } from './policy.js';
import { validatingAdmissionPolicyBindingCells, validatingAdmissionPolicyBindingColumns, validatingAdmissionPolicyCells, validatingAdmissionPolicyColumns } from './admission-policy.js';
const count = (m) => (m && typeof m === 'object' ? Object.keys(m).length : 0);
function nodeRoles(labels = {}) {
    const roles = new Set();
    for (const [k, v] of Object.entries(labels)) {
        if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length)
            roles.add(k.slice('node-role.kubernetes.io/'.length));
        else if (k === 'kubernetes.io/role' && v)
            roles.add(v);
    }
    return [...roles].sort().join(',') || '<none>';
}
function nodeStatus(n) {
    const ready = (n.status?.conditions ?? []).find((c) => c.type === 'Ready');
    const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
    if (n.spec?.unschedulable)
        parts.push('SchedulingDisabled');
    return parts.join(',');
}
const address = (n, type) => (n.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
const node = {
    columns: () => [
        nameColumn(),
        column('Status', 'The status of the node'),
        column('Roles', 'The roles of the node'),
        ageColumn(),
        column('Version', doc(core('NodeSystemInfo'), 'kubeletVersion')),
        column('Internal-IP', doc(core('NodeStatus'), 'addresses'), { priority: 1 }),
        column('External-IP', doc(core('NodeStatus'), 'addresses'), { priority: 1 }),
        column('OS-Image', doc(core('NodeSystemInfo'), 'osImage'), { priority: 1 }),
        column('Kernel-Version', doc(core('NodeSystemInfo'), 'kernelVersion'), { priority: 1 }),
        column('Container-Runtime', doc(core('NodeSystemInfo'), 'containerRuntimeVersion'), { priority: 1 }),
    ],
    cells: (o, now) => {
        const n = o;
        const info = n.status?.nodeInfo ?? {};
        return [
            o.metadata.name, nodeStatus(n), nodeRoles(o.metadata.labels), since(o.metadata.creationTimestamp, now), info.kubeletVersion ?? '',
            address(n, 'InternalIP'), address(n, 'ExternalIP'), info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>',
        ];
    },
};
const namespace = {
    columns: () => [nameColumn(), column('Status', 'The status of the namespace'), ageColumn()],
    cells: (o, now) => [o.metadata.name, o.status?.phase ?? '', since(o.metadata.creationTimestamp, now)],
};
/** events.k8s.io/v1 Events, read as the core Event fields the printer uses (as upstream converts them). */
function asCoreEvent(e) {
    if (e.apiVersion !== 'events.k8s.io/v1')
        return e;
    return {
        ...e,
        involvedObject: e.regarding ?? {},
        message: e.note,
        source: e.deprecatedSource ?? {},
        firstTimestamp: e.deprecatedFirstTimestamp,
        lastTimestamp: e.deprecatedLastTimestamp,
        count: e.deprecatedCount,
    };
}
const event = {
    columns: () => [
        column('Last Seen', doc(core('Event'), 'lastTimestamp')),
        column('Type', doc(core('Event'), 'type')),
        column('Reason', doc(core('Event'), 'reason')),
        column('Object', doc(core('Event'), 'involvedObject')),
        column('Subobject', doc(core('ObjectReference'), 'fieldPath'), { priority: 1 }),
        column('Source', doc(core('Event'), 'source'), { priority: 1 }),
        column('Message', doc(core('Event'), 'message')),
        column('First Seen', doc(core('Event'), 'firstTimestamp'), { priority: 1 }),
        column('Count', doc(core('Event'), 'count'), { priority: 1 }),
        nameColumn(1),
    ],
    cells: (o, now) => {
        const e = asCoreEvent(o);
        const first = e.firstTimestamp ? since(e.firstTimestamp, now) : since(e.eventTime, now);
        let last = e.lastTimestamp ? since(e.lastTimestamp, now) : first;
        let n = e.count ?? 0;
        if (e.series) {
            last = since(e.series.lastObservedTime, now);
            n = e.series.count ?? 0;
        }
        else if (n === 0)
            n = 1; // singleton events of the new API carry no count
        const io = e.involvedObject ?? {};
        const target = io.name ? `${String(io.kind ?? '').toLowerCase()}/${io.name}` : String(io.kind ?? '').toLowerCase();
        const component = e.source?.component || e.reportingController || '';
        const instance = e.source?.host || e.reportingInstance || '';
        return [last, e.type ?? '', e.reason ?? '', target, io.fieldPath ?? '', instance ? `${component}, ${instance}` : component, String(e.message ?? '').trim(), first, n, o.metadata.name];
    },
};
const lease = {
    columns: () => [nameColumn(), column('Holder', doc('io.k8s.api.coordination.v1.LeaseSpec', 'holderIdentity')), ageColumn()],
    cells: (o, now) => [o.metadata.name, o.spec?.holderIdentity ?? '', since(o.metadata.creationTimestamp, now)],
};
const configMap = {
    columns: () => [nameColumn(), column('Data', doc(core('ConfigMap'), 'data')), ageColumn()],
    cells: (o, now) => [o.metadata.name, count(o.data) + count(o.binaryData), since(o.metadata.creationTimestamp, now)],
};
const secret = {
    columns: () => [nameColumn(), column('Type', doc(core('Secret'), 'type')), column('Data', doc(core('Secret'), 'data')), ageColumn()],
    cells: (o, now) => [o.metadata.name, o.type ?? '', count(o.data), since(o.metadata.creationTimestamp, now)],
};
const serviceAccount = {
    columns: () => [nameColumn(), column('Secrets', doc(core('ServiceAccount'), 'secrets')), ageColumn()],
    cells: (o, now) => [o.metadata.name, (o.secrets ?? []).length, since(o.metadata.creationTimestamp, now)],
};
const pod = {
    columns: podColumns,
    cells: (o, now) => podCells(o, now),
    conditions: (o) => podRowConditions(o),
};
export const defaultPrinter = {
    columns: () => [nameColumn(), createdAtColumn()],
    cells: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? ''],
};
const PRINTERS = {
    Pod: pod, Node: node, Namespace: namespace, Event: event, Lease: lease, ConfigMap: configMap, Secret: secret, ServiceAccount: serviceAccount,
    Deployment: { columns: deploymentColumns, cells: deploymentCells },
    ReplicaSet: { columns: replicaSetColumns, cells: replicaSetCells },
    DaemonSet: { columns: daemonSetColumns, cells: daemonSetCells },
    StatefulSet: { columns: statefulSetColumns, cells: statefulSetCells },
    ControllerRevision: { columns: controllerRevisionColumns, cells: controllerRevisionCells },
    NetworkPolicy: { columns: networkPolicyColumns, cells: networkPolicyCells },
    Service: { columns: serviceColumns, cells: serviceCells },
    Endpoints: { columns: endpointsColumns, cells: endpointsCells },
    EndpointSlice: { columns: endpointSliceColumns, cells: endpointSliceCells },
    Job: { columns: jobColumns, cells: jobCells },
    CronJob: { columns: cronJobColumns, cells: cronJobCells },
    ReplicationController: { columns: replicationControllerColumns, cells: replicationControllerCells },
    PodTemplate: { columns: podTemplateColumns, cells: podTemplateCells },
    PodDisruptionBudget: { columns: podDisruptionBudgetColumns, cells: podDisruptionBudgetCells },
    PriorityClass: { columns: priorityClassColumns, cells: priorityClassCells },
    CertificateSigningRequest: { columns: certificateSigningRequestColumns, cells: certificateSigningRequestCells },
    RoleBinding: { columns: roleBindingColumns, cells: roleBindingCells },
    ClusterRoleBinding: { columns: roleBindingColumns, cells: roleBindingCells },
    PersistentVolume: { columns: persistentVolumeColumns, cells: persistentVolumeCells },
    PersistentVolumeClaim: { columns: persistentVolumeClaimColumns, cells: persistentVolumeClaimCells },
    StorageClass: { columns: storageClassColumns, cells: storageClassCells },
    Ingress: { columns: ingressColumns, cells: ingressCells },
    IngressClass: { columns: ingressClassColumns, cells: ingressClassCells },
    ResourceQuota: { columns: resourceQuotaColumns, cells: resourceQuotaCells },
    ValidatingAdmissionPolicy: { columns: validatingAdmissionPolicyColumns, cells: validatingAdmissionPolicyCells },
    ValidatingAdmissionPolicyBinding: { columns: validatingAdmissionPolicyBindingColumns, cells: validatingAdmissionPolicyBindingCells },
};
export function printerFor(kind) {
    return PRINTERS[kind] ?? defaultPrinter;
}
//# sourceMappingURL=printers.js.map