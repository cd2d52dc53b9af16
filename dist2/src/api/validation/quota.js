import { compareQuantities, formatQuantity } from '../quantity.js';
import { FieldPath, NONNEGATIVE, duplicateValue, forbidden, invalidEach, invalidValue, unsupportedValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isQualifiedName, nameIsDNSSubdomain } from './names.js';
import { quantityAt } from './resources.js';
const COUNTED = ['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers'];
const STANDARD_QUOTA = new Set([...COUNTED, 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'cpu', 'memory', 'ephemeral-storage']);
const INTEGER = new Set(COUNTED);
const LIMIT_TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'];
const SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];
const SCOPE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
function validateScopes(q) {
    const causes = [];
    const spec = FieldPath.root('spec');
    (q.spec?.scopes ?? []).forEach((s, i) => {
        if (!SCOPES.includes(s))
            causes.push(unsupportedValue(spec.child('scopes').index(i), s, SCOPES));
    });
    (q.spec?.scopeSelector?.matchExpressions ?? []).forEach((e, i) => {
        const at = spec.child('scopeSelector').child('matchExpressions').index(i);
        if (!SCOPES.includes(e.scopeName))
            causes.push(unsupportedValue(at.child('scopeName'), e.scopeName, SCOPES));
        if (!SCOPE_OPERATORS.includes(e.operator))
            causes.push(unsupportedValue(at.child('operator'), e.operator, SCOPE_OPERATORS));
    });
    return causes;
}
function isStandardQuotaName(name) {
    return STANDARD_QUOTA.has(name) || name.startsWith('requests.hugepages-') || name.startsWith('hugepages-');
}
function validateQuotaList(list, path) {
    const causes = [];
    for (const [name, text] of Object.entries(list ?? {})) {
        const at = path.key(name);
        const nameErrs = invalidEach(at, name, isQualifiedName(name));
        if (nameErrs.length)
            causes.push(...nameErrs);
        else if (!name.includes('/') && !isStandardQuotaName(name))
            causes.push(invalidValue(at, name, 'must be a standard resource for quota'));
        const q = quantityAt(String(text), at, causes);
        if (!q)
            continue;
        if (q.nanos < 0n)
            causes.push(invalidValue(at, formatQuantity(q), NONNEGATIVE));
        if ((INTEGER.has(name) || name.startsWith('count/')) && q.nanos % 1000000000n !== 0n)
            causes.push(invalidValue(at, formatQuantity(q), 'must be an integer'));
    }
    return causes;
}
export function validateResourceQuota(q) {
    return [
        ...validateObjectMeta(q.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }),
        ...validateQuotaList(q.spec?.hard, FieldPath.root('spec').child('hard')),
        ...validateScopes(q),
    ];
}
export function validateResourceQuotaUpdate(q, old) {
    return [...validateObjectMetaUpdate(q.metadata, old.metadata), ...validateQuotaList(q.spec?.hard, FieldPath.root('spec').child('hard')), ...validateScopes(q)];
}
export function validateResourceQuotaStatusUpdate(q, old) {
    const status = FieldPath.root('status');
    return [...validateObjectMetaUpdate(q.metadata, old.metadata), ...validateQuotaList(q.status?.hard, status.child('hard')), ...validateQuotaList(q.status?.used, status.child('used'))];
}
function parseAmounts(list, path, causes) {
    const out = new Map();
    for (const [name, text] of Object.entries(list ?? {})) {
        const at = path.key(name);
        causes.push(...invalidEach(at, name, isQualifiedName(name)));
        const q = quantityAt(String(text), at, causes);
        if (q)
            out.set(name, q);
    }
    return out;
}
/** Refuses `a` above `b` for each resource both name, at `at(resource)`, with upstream's wording. */
function ordered(a, b, at, message, causes) {
    for (const [k, qa] of a) {
        const qb = b.get(k);
        if (qb && compareQuantities(qa, qb) > 0)
            causes.push(invalidValue(at(k), formatQuantity(qa), message(formatQuantity(qa), formatQuantity(qb))));
    }
}
export function validateLimitRange(lr) {
    const causes = validateObjectMeta(lr.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain });
    const seen = new Set();
    (lr.spec?.limits ?? []).forEach((item, i) => {
        const path = FieldPath.root('spec').child('limits').index(i);
        if (!LIMIT_TYPES.includes(item.type))
            causes.push(unsupportedValue(path.child('type'), item.type, LIMIT_TYPES));
        if (seen.has(item.type))
            causes.push(duplicateValue(path.child('type'), item.type));
        seen.add(item.type);
        const max = parseAmounts(item.max, path.child('max'), causes);
        const min = parseAmounts(item.min, path.child('min'), causes);
        const def = parseAmounts(item.default, path.child('default'), causes);
        const defReq = parseAmounts(item.defaultRequest, path.child('defaultRequest'), causes);
        const ratio = parseAmounts(item.maxLimitRequestRatio, path.child('maxLimitRequestRatio'), causes);
        if (item.type === 'Pod') {
            if (def.size)
                causes.push(forbidden(path.child('default'), "may not be specified when `type` is 'Pod'"));
            if (defReq.size)
                causes.push(forbidden(path.child('defaultRequest'), "may not be specified when `type` is 'Pod'"));
        }
        ordered(min, max, (k) => path.child('min').key(k), (a, b) => `min value ${a} is greater than max value ${b}`, causes);
        ordered(min, defReq, (k) => path.child('defaultRequest').key(k), (a, b) => `min value ${a} is greater than default request value ${b}`, causes);
        ordered(defReq, def, (k) => path.child('defaultRequest').key(k), (a, b) => `default request value ${a} is greater than default limit value ${b}`, causes);
        ordered(defReq, max, (k) => path.child('defaultRequest').key(k), (a, b) => `default request value ${a} is greater than max value ${b}`, causes);
        ordered(def, max, (k) => path.child('default').key(k), (a, b) => `default value ${a} is greater than max value ${b}`, causes);
        for (const [k, q] of ratio) {
            if (q.nanos < 1000000000n)
                causes.push(invalidValue(path.child('maxLimitRequestRatio').key(k), formatQuantity(q), `ratio ${formatQuantity(q)} is less than 1`));
        }
    });
    return causes;
}
export function validateLimitRangeUpdate(lr, old) {
    return [...validateObjectMetaUpdate(lr.metadata, old.metadata), ...validateLimitRange(lr).filter((c) => !c.field?.startsWith('metadata'))];
}
//# sourceMappingURL=quota.js.map