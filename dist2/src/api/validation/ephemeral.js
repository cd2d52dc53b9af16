import { MIRROR_POD_ANNOTATION } from '../types.js';
import { validateContainer } from './containers.js';
import { canonicalJson, semanticEqual } from './equal.js';
import { FieldPath, duplicateValue, forbidden, notFoundValue } from './field.js';
/**
 * Fields an ephemeral container may not set, in the Container's field order: it must not be relied on
 * for the Pod's own service, so no ports, probes, lifecycle hooks, resources or restart rules.
 */
const NOT_ALLOWED = ['ports', 'resources', 'resizePolicy', 'restartPolicy', 'restartPolicyRules', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'];
const NOT_FOR_EPHEMERAL = 'cannot be set for an Ephemeral Container';
/** Go's zero value as JSON shows it: absent, or an empty list or object (kubectl sends `resources: {}`). */
function isZero(v) {
    return v === undefined || v === null || canonicalJson(v) === '{}' || canonicalJson(v) === '[]';
}
export function validateEphemeralContainers(spec, path, ctx) {
    const list = spec.ephemeralContainers ?? [];
    if (list.length === 0)
        return [];
    const others = new Set([...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c) => c.name));
    const names = new Set(others);
    const causes = [];
    list.forEach((ec, i) => {
        const at = path.index(i);
        const fields = ec;
        // Checked as a regular container, less the restart policy it may not have at all (reported below).
        causes.push(...validateContainer({ ...ec, restartPolicy: undefined }, at, { ...ctx, isInit: false }));
        if (ec.name && names.has(ec.name))
            causes.push(duplicateValue(at.child('name'), ec.name));
        names.add(ec.name);
        if (ec.targetContainerName && !others.has(ec.targetContainerName))
            causes.push(notFoundValue(at.child('targetContainerName'), ec.targetContainerName));
        for (const f of NOT_ALLOWED)
            if (!isZero(fields[f]))
                causes.push(forbidden(at.child(f), NOT_FOR_EPHEMERAL));
        // A subPath would let the container make the kubelet resolve paths in a volume on its behalf.
        (ec.volumeMounts ?? []).forEach((m, j) => {
            const mount = m;
            for (const f of ['subPath', 'subPathExpr'])
                if (mount[f])
                    causes.push(forbidden(at.child('volumeMounts').index(j).child(f), NOT_FOR_EPHEMERAL));
        });
    });
    return causes;
}
/** Static Pods take no ephemeral containers (their kubelet would not know them); undefined otherwise. */
export function staticPodRefusal(old) {
    return old.metadata.annotations?.[MIRROR_POD_ANNOTATION] === undefined ? undefined : [forbidden(FieldPath.root(''), 'static pods do not support ephemeral containers')];
}
/** The ephemeral containers already there stay exactly as they are: an update may only add. */
export function validateEphemeralContainerChanges(pod, old) {
    const path = FieldPath.root('spec').child('ephemeralContainers');
    const next = new Map((pod.spec.ephemeralContainers ?? []).map((c) => [c.name, c]));
    const causes = [];
    for (const prev of old.spec.ephemeralContainers ?? []) {
        const now = next.get(prev.name);
        if (!now)
            causes.push(forbidden(path, `existing ephemeral containers "${prev.name}" may not be removed\n`));
        else if (!semanticEqual(prev, now))
            causes.push(forbidden(path, `existing ephemeral containers "${prev.name}" may not be changed\n  - ${canonicalJson(prev)}\n  + ${canonicalJson(now)}`));
    }
    return causes;
}
//# sourceMappingURL=ephemeral.js.map