// In-place resize (`pods/<name>/resize`): what the subresource takes from the request and what it
// refuses. Only cpu and memory requests and limits (and resizePolicy) of containers and sidecars may
// change, none may be removed, and the QoS class must stay. Wording follows pkg/apis/core/validation.
import { computeQOSClass } from '../defaults/qos.js';
import { semanticEqual } from './equal.js';
import { FieldPath, duplicateValue, forbidden, invalidValue, requiredValue, unsupportedValue } from './field.js';
const RESIZABLE = ['cpu', 'memory'];
const RESIZE_RESTART_POLICIES = ['NotRequired', 'RestartContainer'];
/** containers[].resizePolicy on any write: one entry per resource, cpu or memory. */
export function validateResizePolicy(c, path) {
    const causes = [];
    const seen = new Set();
    (c.resizePolicy ?? []).forEach((p, i) => {
        const at = path.child('resizePolicy').index(i);
        if (!p.resourceName)
            causes.push(requiredValue(at.child('resourceName')));
        else if (!RESIZABLE.includes(p.resourceName))
            causes.push(unsupportedValue(at.child('resourceName'), p.resourceName, RESIZABLE));
        else if (seen.has(p.resourceName))
            causes.push(duplicateValue(at.child('resourceName'), p.resourceName));
        seen.add(p.resourceName);
        if (!p.restartPolicy)
            causes.push(requiredValue(at.child('restartPolicy')));
        else if (!RESIZE_RESTART_POLICIES.includes(p.restartPolicy))
            causes.push(unsupportedValue(at.child('restartPolicy'), p.restartPolicy, RESIZE_RESTART_POLICIES));
    });
    return causes;
}
const resizable = (pod) => [
    ...pod.spec.containers.map((c, i) => ({ list: 'containers', c, i })),
    // Only sidecars keep running, so only they can be resized.
    ...(pod.spec.initContainers ?? []).map((c, i) => ({ list: 'initContainers', c, i })).filter((x) => x.c.restartPolicy === 'Always'),
];
/**
 * The object a resize stores: the old Pod with each container's resources and resizePolicy taken
 * from the request (matched by name). Everything else a client sent is dropped, as upstream does.
 */
export function applyResize(next, old) {
    const merged = structuredClone(old);
    merged.metadata = { ...merged.metadata, resourceVersion: next.metadata.resourceVersion };
    for (const { list, c } of resizable(merged)) {
        const sent = (next.spec?.[list] ?? []).find((x) => x.name === c.name);
        if (!sent)
            continue;
        if (sent.resources === undefined)
            delete c.resources;
        else
            c.resources = sent.resources;
        if (sent.resizePolicy === undefined)
            delete c.resizePolicy;
        else
            c.resizePolicy = sent.resizePolicy;
    }
    return merged;
}
function validateNoRemoval(prev, next, path) {
    const causes = [];
    for (const kind of ['requests', 'limits']) {
        for (const name of Object.keys(prev?.[kind] ?? {})) {
            if (next?.[kind]?.[name] === undefined)
                causes.push(forbidden(path.child(kind).key(name), `resource ${kind} cannot be removed`));
        }
    }
    return causes;
}
/** Rules of a resize, over the merged object (applyResize) and the stored one. */
export function validatePodResize(pod, old) {
    const spec = FieldPath.root('spec');
    const causes = [];
    if (old.spec.resources)
        return [forbidden(FieldPath.root(''), 'pods with pod-level resources cannot be resized')];
    const before = old.status?.qosClass ?? computeQOSClass(old);
    const after = computeQOSClass(pod);
    if (before !== after)
        causes.push(invalidValue(spec, after, 'Pod QOS Class may not change as a result of resizing'));
    const prev = resizable(old);
    resizable(pod).forEach(({ list, c, i }, n) => {
        const at = spec.child(list).index(i);
        causes.push(...validateNoRemoval(prev[n].c.resources, c.resources, at.child('resources')));
        // Other resources (extended ones, hugepages) are set at admission for good.
        const others = (r) => Object.fromEntries(['requests', 'limits'].map((k) => [k, Object.fromEntries(Object.entries(r?.[k] ?? {}).filter(([name]) => !RESIZABLE.includes(name)))]));
        if (!semanticEqual(others(c.resources), others(prev[n].c.resources)))
            causes.push(forbidden(spec, 'only cpu and memory resources are mutable'));
    });
    return causes;
}
//# sourceMappingURL=podResize.js.map