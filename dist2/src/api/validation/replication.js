// core/v1 rules for ReplicationControllers and PodTemplates, worded as pkg/apis/core/validation: an RC's
// selector is a non-empty label map matching its template, whose Pods restart Always; a PodTemplate's
// template is a valid Pod template.
import { nonNegative, validatePodTemplateSpec, validateReplicaTemplate, validateWorkloadStatusUpdate } from './apps.js';
import { FieldPath, invalidValue, requiredValue } from './field.js';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
export function validateReplicationController(rc) {
    const spec = FieldPath.root('spec');
    const s = rc.spec ?? {};
    const selector = s.selector ?? {};
    const causes = [
        ...validateObjectMeta(rc.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }),
        ...nonNegative(s.minReadySeconds, spec.child('minReadySeconds')),
        ...(Object.keys(selector).length === 0 ? [requiredValue(spec.child('selector'))] : validateLabels(selector, spec.child('selector'))),
        ...nonNegative(s.replicas, spec.child('replicas')),
    ];
    const tplPath = spec.child('template');
    if (!s.template)
        return [...causes, requiredValue(tplPath)];
    const labels = s.template.metadata?.labels ?? {};
    if (Object.keys(selector).length && !Object.entries(selector).every(([k, v]) => labels[k] === v)) {
        causes.push(invalidValue(tplPath.child('metadata').child('labels'), labels, '`selector` does not match template `labels`'));
    }
    return [...causes, ...validateReplicaTemplate(s.template, tplPath, 'ReplicationController')];
}
export function validateReplicationControllerUpdate(rc, old) {
    return [...validateObjectMetaUpdate(rc.metadata, old.metadata), ...validateReplicationController(rc).filter((c) => !c.field?.startsWith('metadata'))];
}
export function validateReplicationControllerStatusUpdate(rc, old) {
    // The status has a ReplicaSet's counts and the same rules.
    return validateWorkloadStatusUpdate({ ...rc, kind: 'ReplicaSet' }, old);
}
export function validatePodTemplate(pt) {
    const causes = validateObjectMeta(pt.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain });
    const path = FieldPath.root('template');
    if (!pt.template)
        return [...causes, requiredValue(path)];
    return [...causes, ...validatePodTemplateSpec(pt.template, path)];
}
export function validatePodTemplateUpdate(pt, old) {
    return [...validateObjectMetaUpdate(pt.metadata, old.metadata), ...validatePodTemplate(pt).filter((c) => !c.field?.startsWith('metadata'))];
}
//# sourceMappingURL=replication.js.map