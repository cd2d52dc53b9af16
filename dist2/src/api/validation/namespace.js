import { FieldPath, invalidValue } from './field.js';
import { validateFinalizers, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSLabel } from './names.js';
export function validateNamespace(ns) {
    return [
        ...validateObjectMeta(ns.metadata, { namespaced: false, nameRule: nameIsDNSLabel }),
        ...validateFinalizers(ns.spec?.finalizers, FieldPath.root('spec').child('finalizers')),
    ];
}
export function validateNamespaceUpdate(ns, old) {
    return [...validateObjectMetaUpdate(ns.metadata, old.metadata), ...validateFinalizers(ns.spec?.finalizers, FieldPath.root('spec').child('finalizers'))];
}
/** The phase is Active until deletion starts, then Terminating. */
export function validateNamespaceStatusUpdate(ns, old) {
    const causes = validateObjectMetaUpdate(ns.metadata, old.metadata);
    const phase = ns.status?.phase ?? '';
    const path = FieldPath.root('status').child('Phase');
    if (!ns.metadata.deletionTimestamp) {
        if (phase !== 'Active')
            causes.push(invalidValue(path, phase, "may only be 'Active' if `deletionTimestamp` is empty"));
    }
    else if (phase !== 'Terminating') {
        causes.push(invalidValue(path, phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
    }
    return causes;
}
//# sourceMappingURL=namespace.js.map