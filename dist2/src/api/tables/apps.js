// The rows of `kubectl get deployments|replicasets|daemonsets|statefulsets|controllerrevisions`, with
// upstream's columns: READY / UP-TO-DATE / AVAILABLE for Deployments, DESIRED / CURRENT / READY for
// ReplicaSets, the scheduling counts and NODE SELECTOR for DaemonSets, READY for StatefulSets,
// CONTROLLER / REVISION for ControllerRevisions, and -o wide's CONTAINERS, IMAGES (and SELECTOR).
import { fromLabelSelectorObject, selectorString } from '../selectors/labels.js';
import { ageColumn, column, core, doc, nameColumn } from './columns.js';
import { since } from './duration.js';
const apps = (type) => `io.k8s.api.apps.v1.${type}`;
function templateColumns(specDef) {
    return [
        column('Containers', 'Names of each container in the template.', { priority: 1 }),
        column('Images', 'Images referenced by each container in the template.', { priority: 1 }),
        column('Selector', doc(apps(specDef), 'selector'), { priority: 1 }),
    ];
}
export function templateCells(spec) {
    const containers = spec?.template?.spec?.containers ?? [];
    // A malformed selector cannot be stored; printing an old one must not fail the whole list.
    let selector = '';
    try {
        selector = selectorString(fromLabelSelectorObject(spec?.selector));
    }
    catch {
        selector = '<error>';
    }
    return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(','), selector];
}
export function deploymentColumns() {
    return [
        nameColumn(),
        column('Ready', 'Number of the pod with ready state'),
        column('Up-to-date', doc(apps('DeploymentStatus'), 'updatedReplicas'), { type: 'integer' }),
        column('Available', doc(apps('DeploymentStatus'), 'availableReplicas'), { type: 'integer' }),
        ageColumn(),
        ...templateColumns('DeploymentSpec'),
    ];
}
export function deploymentCells(o, now) {
    const d = o;
    const s = d.status ?? {};
    return [o.metadata.name, `${s.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, s.updatedReplicas ?? 0, s.availableReplicas ?? 0, since(o.metadata.creationTimestamp, now), ...templateCells(d.spec)];
}
export function replicaSetColumns() {
    return [
        nameColumn(),
        column('Desired', 'Number of desired pods', { type: 'integer' }),
        column('Current', 'Number of actually running pods', { type: 'integer' }),
        column('Ready', 'Number of pods with ready state', { type: 'integer' }),
        ageColumn(),
        ...templateColumns('ReplicaSetSpec'),
    ];
}
export function replicaSetCells(o, now) {
    const rs = o;
    const s = rs.status;
    return [o.metadata.name, rs.spec?.replicas ?? 0, s?.replicas ?? 0, s?.readyReplicas ?? 0, since(o.metadata.creationTimestamp, now), ...templateCells(rs.spec)];
}
export function daemonSetColumns() {
    const status = (f) => doc(apps('DaemonSetStatus'), f);
    return [
        nameColumn(),
        column('Desired', status('desiredNumberScheduled'), { type: 'integer' }),
        column('Current', status('currentNumberScheduled'), { type: 'integer' }),
        column('Ready', status('numberReady'), { type: 'integer' }),
        column('Up-to-date', status('updatedNumberScheduled'), { type: 'integer' }),
        column('Available', status('numberAvailable'), { type: 'integer' }),
        column('Node Selector', doc(core('PodSpec'), 'nodeSelector')),
        ageColumn(),
        ...templateColumns('DaemonSetSpec'),
    ];
}
/** labels.FormatLabels: `k=v,…` by key, or <none>. */
function formatLabels(labels) {
    return Object.keys(labels ?? {}).sort().map((k) => `${k}=${labels[k]}`).join(',') || '<none>';
}
export function daemonSetCells(o, now) {
    const ds = o;
    const s = ds.status;
    return [o.metadata.name, s?.desiredNumberScheduled ?? 0, s?.currentNumberScheduled ?? 0, s?.numberReady ?? 0, s?.updatedNumberScheduled ?? 0, s?.numberAvailable ?? 0, formatLabels(ds.spec?.template?.spec?.nodeSelector), since(o.metadata.creationTimestamp, now), ...templateCells(ds.spec)];
}
export function statefulSetColumns() {
    return [
        nameColumn(),
        column('Ready', 'Number of the pod with ready state'),
        ageColumn(),
        column('Containers', 'Names of each container in the template.', { priority: 1 }),
        column('Images', 'Images referenced by each container in the template.', { priority: 1 }),
    ];
}
export function statefulSetCells(o, now) {
    const sts = o;
    const containers = sts.spec?.template?.spec?.containers ?? [];
    return [o.metadata.name, `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`, since(o.metadata.creationTimestamp, now), containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(',')];
}
export function controllerRevisionColumns() {
    return [nameColumn(), column('Controller', 'Controller of the object'), column('Revision', doc(apps('ControllerRevision'), 'revision'), { type: 'integer' }), ageColumn()];
}
export function controllerRevisionCells(o, now) {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller === true);
    // `daemonset.apps/web`: the lower-cased group kind and name, as upstream's formatResourceName.
    const group = ref?.apiVersion.includes('/') ? `.${ref.apiVersion.split('/')[0]}` : '';
    const controller = ref ? `${ref.kind.toLowerCase()}${group}/${ref.name}` : '<none>';
    return [o.metadata.name, controller, o.revision ?? 0, since(o.metadata.creationTimestamp, now)];
}
//# sourceMappingURL=apps.js.map