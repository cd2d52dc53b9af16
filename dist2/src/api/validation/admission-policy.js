// admissionregistration.k8s.io/v1 rules for ValidatingAdmissionPolicies and their bindings, worded as
// pkg/apis/admissionregistration/validation: what must be set, the allowed enums, and every CEL
// expression compiled at write time so a policy that cannot run is refused instead of failing requests.
import { policyPrograms } from '../cel/policy.js';
import { validateLabelSelector } from './apps.js';
import { FieldPath, forbidden, invalidValue, requiredValue, unsupportedValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const ACTIONS = ['Audit', 'Deny', 'Warn'];
function validateRules(rules, path) {
    const causes = [];
    (rules ?? []).forEach((r, i) => {
        const at = path.index(i);
        for (const f of ['apiGroups', 'apiVersions', 'operations', 'resources']) {
            if (!r[f]?.length)
                causes.push(requiredValue(at.child(f)));
            else if (r[f].includes('*') && r[f].length > 1)
                causes.push(invalidValue(at.child(f), r[f], "if '*' is present, must not specify other values"));
        }
        (r.operations ?? []).forEach((op, j) => {
            if (!OPERATIONS.includes(op))
                causes.push(unsupportedValue(at.child('operations').index(j), op, OPERATIONS));
        });
    });
    return causes;
}
function validateMatchResources(m, path, rulesRequired) {
    if (!m)
        return rulesRequired ? [requiredValue(path)] : [];
    const causes = [];
    if (rulesRequired && !m.resourceRules?.length)
        causes.push(requiredValue(path.child('resourceRules')));
    causes.push(...validateRules(m.resourceRules, path.child('resourceRules')), ...validateRules(m.excludeResourceRules, path.child('excludeResourceRules')));
    if (m.matchPolicy !== undefined && m.matchPolicy !== 'Exact' && m.matchPolicy !== 'Equivalent')
        causes.push(unsupportedValue(path.child('matchPolicy'), m.matchPolicy, ['Equivalent', 'Exact']));
    if (m.namespaceSelector)
        causes.push(...validateLabelSelector(m.namespaceSelector, path.child('namespaceSelector')));
    if (m.objectSelector)
        causes.push(...validateLabelSelector(m.objectSelector, path.child('objectSelector')));
    return causes;
}
export function validateValidatingAdmissionPolicy(p) {
    const causes = validateObjectMeta(p.metadata, { namespaced: false, nameRule: nameIsDNSSubdomain });
    const spec = FieldPath.root('spec');
    const s = p.spec ?? {};
    if (!s.validations?.length && !s.auditAnnotations?.length)
        causes.push(requiredValue(spec.child('validations'), 'validations or auditAnnotations must contain at least one item'));
    if (s.failurePolicy !== undefined && s.failurePolicy !== 'Fail' && s.failurePolicy !== 'Ignore')
        causes.push(unsupportedValue(spec.child('failurePolicy'), s.failurePolicy, ['Fail', 'Ignore']));
    if (s.paramKind) {
        if (!s.paramKind.kind)
            causes.push(requiredValue(spec.child('paramKind').child('kind')));
        if (!s.paramKind.apiVersion)
            causes.push(requiredValue(spec.child('paramKind').child('apiVersion')));
    }
    causes.push(...validateMatchResources(s.matchConstraints, spec.child('matchConstraints'), true));
    (s.validations ?? []).forEach((v, i) => {
        if (!v.expression)
            causes.push(requiredValue(spec.child('validations').index(i).child('expression')));
    });
    causes.push(...policyPrograms(p).causes);
    return causes;
}
export function validateValidatingAdmissionPolicyUpdate(p, old) {
    return [...validateObjectMetaUpdate(p.metadata, old.metadata), ...validateValidatingAdmissionPolicy(p)];
}
export function validateValidatingAdmissionPolicyBinding(b) {
    const causes = validateObjectMeta(b.metadata, { namespaced: false, nameRule: nameIsDNSSubdomain });
    const spec = FieldPath.root('spec');
    const s = b.spec ?? {};
    if (!s.policyName)
        causes.push(requiredValue(spec.child('policyName')));
    const actions = s.validationActions ?? [];
    if (!actions.length)
        causes.push(requiredValue(spec.child('validationActions'), 'at least one validation action is required'));
    actions.forEach((a, i) => {
        if (!ACTIONS.includes(a))
            causes.push(unsupportedValue(spec.child('validationActions').index(i), a, ACTIONS));
    });
    if (actions.includes('Deny') && actions.includes('Warn')) {
        causes.push(invalidValue(spec.child('validationActions'), actions, 'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)'));
    }
    const ref = s.paramRef;
    if (ref) {
        const at = spec.child('paramRef');
        if (ref.name && ref.selector)
            causes.push(forbidden(at.child('name'), 'name and selector are mutually exclusive'));
        if (!ref.name && !ref.selector)
            causes.push(requiredValue(at, 'one of name or selector must be set'));
        if (ref.selector)
            causes.push(...validateLabelSelector(ref.selector, at.child('selector')));
        if (ref.parameterNotFoundAction === undefined)
            causes.push(requiredValue(at.child('parameterNotFoundAction')));
        else if (ref.parameterNotFoundAction !== 'Allow' && ref.parameterNotFoundAction !== 'Deny')
            causes.push(unsupportedValue(at.child('parameterNotFoundAction'), ref.parameterNotFoundAction, ['Allow', 'Deny']));
    }
    causes.push(...validateMatchResources(s.matchResources, spec.child('matchResources'), false));
    return causes;
}
export function validateValidatingAdmissionPolicyBindingUpdate(b, old) {
    return [...validateObjectMetaUpdate(b.metadata, old.metadata), ...validateValidatingAdmissionPolicyBinding(b)];
}
//# sourceMappingURL=admission-policy.js.map