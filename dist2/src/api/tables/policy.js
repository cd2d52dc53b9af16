// The rows of `kubectl get` for ReplicationControllers (DESIRED / CURRENT / READY, as ReplicaSets),
// PodTemplates (CONTAINERS / IMAGES / POD LABELS), PodDisruptionBudgets (MIN AVAILABLE / MAX
// UNAVAILABLE / ALLOWED DISRUPTIONS) and PriorityClasses (VALUE / GLOBAL-DEFAULT / PREEMPTIONPOLICY),
// with upstream's columns.
import { replicaSetCells, replicaSetColumns } from './apps.js';
import { ageColumn, column, doc, nameColumn } from './columns.js';
import { since } from './duration.js';
/** A ReplicationController prints as a ReplicaSet does; its map selector is the matchLabels. */
export const replicationControllerColumns = replicaSetColumns;
export function replicationControllerCells(o, now) {
    const rc = o;
    return replicaSetCells({ ...rc, spec: { ...rc.spec, selector: { matchLabels: rc.spec?.selector ?? {} } } }, now);
}
/** labels.FormatLabels: `a=b,c=d` in key order, `<none>` when there are none. */
function formatLabels(labels) {
    const keys = Object.keys(labels ?? {}).sort();
    return keys.length ? keys.map((k) => `${k}=${labels[k]}`).join(',') : '<none>';
}
export function podTemplateColumns() {
    return [
        nameColumn(),
        column('Containers', 'Names of each container in the template.'),
        column('Images', 'Images referenced by each container in the template.'),
        column('Pod Labels', 'The labels for the pod template.'),
    ];
}
export function podTemplateCells(o) {
    const t = o.template;
    const containers = t?.spec?.containers ?? [];
    return [o.metadata.name, containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(','), formatLabels(t?.metadata?.labels)];
}
export function podDisruptionBudgetColumns() {
    return [
        nameColumn(),
        column('Min Available', 'The minimum number of pods that must be available, either as a number or a percentage.'),
        column('Max Unavailable', 'The maximum number of pods that may be unavailable, either as a number or a percentage.'),
        column('Allowed Disruptions', 'Calculated number of pods that may be disrupted at this time.', { type: 'integer' }),
        ageColumn(),
    ];
}
export function podDisruptionBudgetCells(o, now) {
    const pdb = o;
    const either = (v) => (v === undefined ? 'N/A' : String(v));
    return [o.metadata.name, either(pdb.spec?.minAvailable), either(pdb.spec?.maxUnavailable), pdb.status?.disruptionsAllowed ?? 0, since(o.metadata.creationTimestamp, now)];
}
export function priorityClassColumns() {
    const def = 'io.k8s.api.scheduling.v1.PriorityClass';
    return [
        nameColumn(),
        column('Value', doc(def, 'value'), { type: 'integer' }),
        column('Global-Default', doc(def, 'globalDefault'), { type: 'boolean' }),
        ageColumn(),
        column('PreemptionPolicy', doc(def, 'preemptionPolicy')),
    ];
}
export function priorityClassCells(o, now) {
    const pc = o;
    return [o.metadata.name, pc.value, pc.globalDefault ?? false, since(o.metadata.creationTimestamp, now), pc.preemptionPolicy ?? ''];
}
//# sourceMappingURL=policy.js.map