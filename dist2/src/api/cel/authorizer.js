// CEL's `authorizer` variable in admission policies (k8s.io/apiserver/pkg/cel/library/authz): checks
// built as `authorizer.group('apps').resource('deployments').namespace('ns').name('x').check('update')`,
// `authorizer.path('/healthz').check('get')`, `authorizer.serviceAccount('ns', 'sa')…` and
// `authorizer.requestResource.check('approve')`, each decision read with allowed(), reason(), errored()
// and error(). Values are CEL maps tagged with a key no JSON object has; the check itself is the
// request's, registered for the evaluation under the handle the maps carry.
import { celMethod, CelScalar } from '@bufbuild/cel';
const TAG = '@authz';
const DECISION = '@decision';
const checks = new Map();
let next = 0;
function query(m) {
    const raw = m.get(TAG);
    if (typeof raw !== 'string')
        throw new Error('no such overload');
    return JSON.parse(raw);
}
function tagged(handle, q) {
    return new Map([[TAG, JSON.stringify({ handle, q })]]);
}
/** The `authorizer` value for one evaluation, and the function that forgets its check after it. */
export function authorizerFor(check, request) {
    const handle = String(next++);
    checks.set(handle, check);
    const value = tagged(handle, {});
    value.set('requestResource', tagged(handle, request));
    return { value, release: () => checks.delete(handle) };
}
const DYN = CelScalar.DYN;
const STRING = CelScalar.STRING;
function setter(field) {
    return celMethod(field, DYN, [STRING], DYN, function (v) {
        const { handle, q } = query(this);
        return tagged(handle, { ...q, [field]: v });
    });
}
function decision(m) {
    const raw = m.get(DECISION);
    if (typeof raw !== 'string')
        throw new Error('no such overload');
    return JSON.parse(raw);
}
export const AUTHORIZER_LIBRARY = [
    setter('path'),
    setter('group'),
    setter('resource'),
    setter('subresource'),
    setter('namespace'),
    setter('name'),
    celMethod('serviceAccount', DYN, [STRING, STRING], DYN, function (namespace, name) {
        const { handle, q } = query(this);
        return tagged(handle, { ...q, user: { namespace, name } });
    }),
    celMethod('check', DYN, [STRING], DYN, function (verb) {
        const { handle, q } = query(this);
        const check = checks.get(handle);
        if (!check)
            throw new Error('authorizer is not available');
        return new Map([[DECISION, JSON.stringify(check(q, verb))]]);
    }),
    celMethod('allowed', DYN, [], CelScalar.BOOL, function () {
        return decision(this).allowed;
    }),
    celMethod('reason', DYN, [], STRING, function () {
        return decision(this).reason;
    }),
    // berth's authorizers answer without errors: a check never errs.
    celMethod('errored', DYN, [], CelScalar.BOOL, function () {
        decision(this);
        return false;
    }),
    celMethod('error', DYN, [], STRING, function () {
        decision(this);
        return '';
    }),
];
//# sourceMappingURL=authorizer.js.map