// The rows of `kubectl get` for ValidatingAdmissionPolicies (NAME VALIDATIONS PARAMKIND AGE) and their
// bindings (NAME POLICYNAME PARAMREF AGE), with upstream's columns.
import { fromLabelSelectorObject, selectorString } from '../selectors/labels.js';
import { ageColumn, column, doc, nameColumn } from './columns.js';
import { since } from './duration.js';
const ADM = (t) => `io.k8s.api.admissionregistration.v1.${t}`;
export function validatingAdmissionPolicyColumns() {
    return [nameColumn(), column('Validations', doc(ADM('ValidatingAdmissionPolicySpec'), 'validations'), { type: 'integer' }), column('ParamKind', doc(ADM('ValidatingAdmissionPolicySpec'), 'paramKind')), ageColumn()];
}
export function validatingAdmissionPolicyCells(o, now) {
    const spec = o.spec;
    const kind = spec?.paramKind ? `${spec.paramKind.apiVersion}/${spec.paramKind.kind}` : '<unset>';
    return [o.metadata.name, spec?.validations?.length ?? 0, kind, since(o.metadata.creationTimestamp, now)];
}
export function validatingAdmissionPolicyBindingColumns() {
    return [nameColumn(), column('PolicyName', doc(ADM('ValidatingAdmissionPolicyBindingSpec'), 'policyName')), column('ParamRef', doc(ADM('ValidatingAdmissionPolicyBindingSpec'), 'paramRef')), ageColumn()];
}
/** `namespace/name`, `*\/name` for a param in the request's namespace, or the selector. */
function paramRef(b) {
    const ref = b.spec?.paramRef;
    if (ref?.name)
        return `${ref.namespace || '*'}/${ref.name}`;
    if (ref?.selector)
        return selectorString(fromLabelSelectorObject(ref.selector));
    return '<unset>';
}
export function validatingAdmissionPolicyBindingCells(o, now) {
    const b = o;
    return [o.metadata.name, b.spec?.policyName ?? '', paramRef(b), since(o.metadata.creationTimestamp, now)];
}
//# sourceMappingURL=admission-policy.js.map