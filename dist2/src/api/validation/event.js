import { FieldPath, immutable, invalidEach, invalidValue, requiredValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from './names.js';
const LIMITS = { reportingInstance: 128, action: 128, reason: 128, message: 1024 };
function validateEventFields(e) {
    const causes = [];
    const ns = e.metadata.namespace ?? '';
    const involvedNs = e.involvedObject?.namespace ?? '';
    const nsPath = FieldPath.root('involvedObject').child('namespace');
    const mismatch = () => causes.push(invalidValue(nsPath, involvedNs, 'does not match event.namespace'));
    if (!e.eventTime) {
        // An event about a cluster-scoped object lives in "default" (or nowhere, for old clients).
        if (involvedNs ? ns !== involvedNs : ns !== '' && ns !== 'default')
            mismatch();
    }
    else {
        if (!involvedNs && ns !== 'default' && ns !== 'kube-system')
            mismatch();
        const component = e.reportingComponent ?? '';
        if (!component)
            causes.push(requiredValue(FieldPath.root('reportingComponent')));
        causes.push(...invalidEach(FieldPath.root('reportingComponent'), component, isQualifiedName(component)));
        const fields = { reportingInstance: e.reportingInstance, action: e.action, reason: e.reason };
        for (const [name, value] of Object.entries(fields)) {
            if (!value)
                causes.push(requiredValue(FieldPath.root(name)));
            else if (value.length > LIMITS[name])
                causes.push(invalidValue(FieldPath.root(name), '', `can have at most ${LIMITS[name]} characters`));
        }
        if ((e.message ?? '').length > LIMITS.message)
            causes.push(invalidValue(FieldPath.root('message'), '', `can have at most ${LIMITS.message} characters`));
    }
    causes.push(...invalidEach(FieldPath.root('namespace'), ns, isDNS1123Subdomain(ns)));
    return causes;
}
export function validateEvent(e) {
    return [...validateObjectMeta(e.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }), ...validateEventFields(e)];
}
/** Old-style events are updated freely (count, lastTimestamp); new-style ones keep what they report. */
export function validateEventUpdate(e, old) {
    const causes = [...validateObjectMetaUpdate(e.metadata, old.metadata), ...validateEventFields(e)];
    if (!old.eventTime)
        return causes;
    for (const f of ['involvedObject', 'reason', 'action', 'reportingComponent', 'reportingInstance', 'type', 'eventTime']) {
        causes.push(...immutable(FieldPath.root(f), e[f], old[f]));
    }
    return causes;
}
//# sourceMappingURL=event.js.map