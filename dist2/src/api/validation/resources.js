import { isApiError } from '../errors.js';
import { compareQuantities, formatQuantity, parseQuantity } from '../quantity.js';
import { NONNEGATIVE, invalidEach, invalidValue, requiredValue } from './field.js';
import { isQualifiedName } from './names.js';
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
function isStandardContainerResource(name) {
    return STANDARD_CONTAINER_RESOURCES.has(name) || name.startsWith('hugepages-');
}
/** Kubernetes' own resources: no domain, or a kubernetes.io one. */
function isNativeResource(name) {
    return !name.includes('/') || name.includes('kubernetes.io/');
}
/** A device plugin's kind of resource (`vendor.example/dongle`): counted in whole units, never overcommitted. */
export function isExtendedResourceName(name) {
    if (isNativeResource(name) || name.startsWith('requests.'))
        return false;
    // Quota names it `requests.<name>`, so that must be a qualified name too.
    return isQualifiedName(`requests.${name}`).length === 0;
}
const overcommitAllowed = (name) => isNativeResource(name) && !name.startsWith('hugepages-');
function validateResourceName(name, path) {
    const errs = invalidEach(path, name, isQualifiedName(name));
    if (errs.length)
        return errs;
    if (!name.includes('/') && !isStandardContainerResource(name))
        return [invalidValue(path, name, 'must be a standard resource for containers')];
    if (!isNativeResource(name) && !isExtendedResourceName(name))
        return [invalidValue(path, name, "doesn't follow extended resource name standard")];
    return [];
}
/** Parses a quantity or reports it at `path`; undefined when it is malformed. */
export function quantityAt(text, path, causes) {
    try {
        return parseQuantity(text);
    }
    catch (e) {
        if (!isApiError(e))
            throw e;
        causes.push(invalidValue(path, text, e.message));
        return undefined;
    }
}
function validateAmounts(list, path, causes) {
    const parsed = new Map();
    for (const [name, text] of Object.entries(list ?? {})) {
        const at = path.key(name);
        causes.push(...validateResourceName(name, at));
        const q = quantityAt(String(text), at, causes);
        if (!q)
            continue;
        if (q.nanos < 0n)
            causes.push(invalidValue(at, formatQuantity(q), NONNEGATIVE));
        if (isExtendedResourceName(name) && q.nanos % 1000000000n !== 0n)
            causes.push(invalidValue(at, formatQuantity(q), 'must be an integer'));
        parsed.set(name, q);
    }
    return parsed;
}
export function validateResourceRequirements(res, path) {
    const causes = [];
    const limits = validateAmounts(res?.limits, path.child('limits'), causes);
    const requestsPath = path.child('requests');
    const requests = validateAmounts(res?.requests, requestsPath, causes);
    for (const [name, request] of requests) {
        const limit = limits.get(name);
        if (!limit) {
            if (!overcommitAllowed(name))
                causes.push(requiredValue(path.child('limits'), 'Limit must be set for non overcommitable resources'));
        }
        else if (!overcommitAllowed(name) && compareQuantities(request, limit) !== 0) {
            causes.push(invalidValue(requestsPath, formatQuantity(request), `must be equal to ${name} limit of ${formatQuantity(limit)}`));
        }
        else if (compareQuantities(request, limit) > 0) {
            causes.push(invalidValue(requestsPath, formatQuantity(request), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`));
        }
    }
    return causes;
}
//# sourceMappingURL=resources.js.map