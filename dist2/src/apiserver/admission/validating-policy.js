// ValidatingAdmissionPolicy admission: every create, update and delete is matched against the stored
// policies and their bindings (read from their watch caches), and each matching binding's validations
// run in the one CEL environment. A failed validation denies (Deny: the error upstream returns, 422
// unless the validation names another reason), warns (Warn: a Warning header), or is only audited;
// an evaluation or configuration error follows the policy's failurePolicy.
import { ApiError, forbidden } from '../../api/errors.js';
import { isCelError } from '../../api/cel/compile.js';
import { policyPrograms } from '../../api/cel/policy.js';
import { toCel } from '../../api/cel/values.js';
import { fromLabelSelectorObject, matchLabels } from '../../api/selectors/labels.js';
import { apiVersionOf } from '../../api/schema/resources.js';
import { scaleOf } from '../handlers/scale.js';
import { authorizerFor } from '../../api/cel/authorizer.js';
import { decide, decidePath } from '../auth/authorize.js';
const OPERATION = { create: 'CREATE', update: 'UPDATE', delete: 'DELETE' };
const AUDIT_KEY = 'validation.policy.admission.k8s.io/validation_failure';
const REASON_CODES = { Unauthorized: 'Unauthorized', Forbidden: 'Forbidden', Invalid: 'Invalid', RequestEntityTooLarge: 'RequestEntityTooLarge' };
const SCALE_KIND = { group: 'autoscaling', version: 'v1', kind: 'Scale' };
const anyOf = (list, value) => !!list?.some((v) => v === '*' || v === value);
function resourceMatches(patterns, resource, sub) {
    return !!patterns?.some((p) => {
        const [res, subPattern] = p.split('/', 2);
        if (subPattern === undefined)
            return sub === '' && (res === '*' || res === resource);
        return (res === '*' || res === resource) && (subPattern === '*' || subPattern === sub);
    });
}
function ruleMatches(r, a) {
    const scope = r.scope ?? '*';
    if (scope === 'Cluster' && a.resource.namespaced)
        return false;
    if (scope === 'Namespaced' && !a.resource.namespaced)
        return false;
    if (r.resourceNames?.length && !r.resourceNames.includes(a.name))
        return false;
    return anyOf(r.apiGroups, a.resource.group) && anyOf(r.apiVersions, a.resource.version) && anyOf(r.operations, a.operation) && resourceMatches(r.resources, a.resource.plural, a.subresource);
}
function selects(sel, labels) {
    return !sel || matchLabels(fromLabelSelectorObject(sel), labels);
}
export class ValidatingPolicies {
    #src;
    constructor(src) {
        this.#src = src;
    }
    #namespaceOf(a) {
        return a.namespace ? this.#src.namespaces.getEntry(undefined, a.namespace)?.obj : undefined;
    }
    /** Whether m selects the request: its rules, and the namespace's and object's labels. */
    #matches(m, a, rulesRequired) {
        if (!m)
            return !rulesRequired;
        if ((m.resourceRules?.length || rulesRequired) && !m.resourceRules?.some((r) => ruleMatches(r, a)))
            return false;
        if (m.excludeResourceRules?.some((r) => ruleMatches(r, a)))
            return false;
        const isNamespace = a.resource.group === '' && a.resource.kind === 'Namespace';
        // A cluster-scoped object other than a Namespace is never excluded by a namespace selector.
        if (isNamespace || a.resource.namespaced) {
            const labels = isNamespace ? (a.object ?? a.oldObject)?.metadata.labels : this.#namespaceOf(a)?.metadata.labels;
            if (!selects(m.namespaceSelector, labels))
                return false;
        }
        return selects(m.objectSelector, a.object?.metadata.labels) || (!!a.oldObject && selects(m.objectSelector, a.oldObject.metadata.labels));
    }
    /** The params a binding names: none (no paramKind), the objects found, or an error message. */
    #params(policy, binding, a) {
        const kind = policy.spec?.paramKind;
        if (!kind)
            return [null];
        const ref = binding.spec?.paramRef;
        if (!ref)
            return `paramKind ${kind.apiVersion}/${kind.kind} is set but binding has no paramRef`;
        const storage = this.#src.storageOfKind(kind.apiVersion ?? '', kind.kind ?? '');
        if (!storage)
            return `failed to find resource referenced by paramKind: '${kind.apiVersion}, Kind=${kind.kind}'`;
        const ns = storage.resource.namespaced ? ref.namespace || a.namespace : undefined;
        if (storage.resource.namespaced && !ns)
            return 'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources';
        let found;
        if (ref.name) {
            const obj = storage.getEntry(ns, ref.name)?.obj;
            found = obj ? [obj] : [];
        }
        else {
            const sel = fromLabelSelectorObject(ref.selector ?? {});
            found = [];
            const prefix = ns ? `${storage.cache.prefix}${ns}/` : storage.cache.prefix;
            for (const e of storage.cache.scan(prefix))
                if (matchLabels(sel, e.obj.metadata.labels))
                    found.push(e.obj);
        }
        if (found.length)
            return found;
        return ref.parameterNotFoundAction === 'Deny' ? 'no params found for policy binding with `Deny` parameterNotFoundAction' : [];
    }
    /** The request as CEL's `request` (admission.k8s.io AdmissionRequest) sees it. */
    #request(a) {
        const r = a.resource;
        const kind = a.subresource === 'scale' ? SCALE_KIND : { group: r.group, version: r.version, kind: r.kind };
        const resource = { group: r.group, version: r.version, resource: r.plural };
        const u = a.ctx.user;
        return {
            kind, resource, requestKind: kind, requestResource: resource, subResource: a.subresource, requestSubResource: a.subresource,
            name: a.name, namespace: a.namespace, operation: a.operation, dryRun: a.ctx.dryRun,
            userInfo: { username: u.name, uid: u.uid ?? '', groups: u.groups, extra: u.extra ?? {} },
        };
    }
    /** Runs one binding's validations with one param; the failure messages, or the evaluation error. */
    #evaluate(programs, vars) {
        for (const c of programs.matchConditions) {
            const r = c.program.run(vars);
            if (isCelError(r))
                return { failures: [], error: { message: `failed to evaluate matchCondition '${c.name}': ${r.message}`, index: 0 } };
            if (r === false)
                return { failures: [], skipped: true };
        }
        const variables = new Map();
        vars = { ...vars, variables };
        for (const v of programs.variables) {
            const r = v.program.run(vars);
            if (!isCelError(r))
                variables.set(v.name, r);
        }
        const failures = [];
        for (const [index, v] of programs.validations.entries()) {
            const r = v.program.run(vars);
            if (isCelError(r))
                return { failures, error: { message: `expression '${v.expression}' resulted in error: ${r.message}`, index } };
            if (typeof r !== 'boolean')
                return { failures, error: { message: `expression '${v.expression}' resulted in error: validation expression must evaluate to bool`, index } };
            if (!r)
                failures.push({ message: this.#message(v, vars), reason: v.reason, index });
        }
        // Audit annotations: a string is recorded, null means none; anything else is an error.
        const annotations = {};
        for (const a of programs.auditAnnotations) {
            const r = a.program.run(vars);
            if (typeof r === 'string' && r)
                annotations[a.key] = r;
            else if (r !== null && !(typeof r === 'string'))
                return { failures, error: { message: `valueExpression '${a.key}' resulted in error: ${isCelError(r) ? r.message : 'valueExpression must evaluate to a string or null'}`, index: 0 } };
        }
        return { failures, annotations };
    }
    #message(v, vars) {
        if (v.messageExpression) {
            const m = v.messageExpression.run(vars);
            if (typeof m === 'string' && m.trim() && !m.includes('\n'))
                return m.trim();
        }
        return v.message || `failed expression: ${v.expression.trim()}`;
    }
    /** Admission of one write: throws the first denial, adds warnings to ctx. */
    admit(resource, verb, obj, old, ctx, subresource) {
        const operation = OPERATION[verb];
        if (!operation)
            return;
        let policies;
        for (const e of this.#src.policies.cache.scan(this.#src.policies.cache.prefix))
            (policies ??= []).push(e.obj);
        if (!policies)
            return;
        if (subresource === 'scale') {
            // As upstream, a scale request is seen as the autoscaling/v1 Scale it reads and writes.
            const paths = this.#src.storageOfKind(apiVersionOf(resource), resource.kind)?.strategy.scale;
            [obj, old] = [obj && scaleOf(obj, paths), old && scaleOf(old, paths)];
        }
        const meta = (obj ?? old)?.metadata;
        const a = { resource, subresource: subresource ?? '', operation, name: meta?.name ?? '', namespace: resource.namespaced ? meta?.namespace ?? '' : '', object: obj, oldObject: old, ctx };
        let authorizer;
        try {
            this.#admitAll(policies, a, () => (authorizer ??= this.#authorizer(a)).value);
        }
        finally {
            authorizer?.release();
        }
    }
    /** CEL's `authorizer`: checks as the requesting user (or a service account it names) by the server's own chain. */
    #authorizer(a) {
        const authz = this.#src.authorizers;
        const userOf = (q) => q.user
            ? { name: `system:serviceaccount:${q.user.namespace}:${q.user.name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${q.user.namespace}`, 'system:authenticated'] }
            : a.ctx.user;
        const request = { group: a.resource.group, resource: a.resource.plural, subresource: a.subresource, namespace: a.namespace, name: a.name };
        return authorizerFor((q, verb) => {
            if (q.path !== undefined)
                return decidePath(userOf(q), verb, q.path, authz);
            return decide(userOf(q), { verb, resource: { group: q.group ?? '', plural: q.resource ?? '' }, subresource: q.subresource || undefined, namespace: q.namespace || undefined, name: q.name || undefined }, authz);
        }, request);
    }
    #admitAll(policies, a, authorizer) {
        const { object: obj, oldObject: old, ctx } = a;
        const bindings = [...this.#src.bindings.cache.scan(this.#src.bindings.cache.prefix)].map((e) => e.obj);
        for (const policy of policies) {
            if (!this.#matches(policy.spec?.matchConstraints, a, true))
                continue;
            const name = policy.metadata.name ?? '';
            const fail = policy.spec?.failurePolicy !== 'Ignore';
            const { programs } = policyPrograms(policy);
            let base;
            for (const binding of bindings) {
                if (binding.spec?.policyName !== name || !this.#matches(binding.spec.matchResources, a, false))
                    continue;
                const deny = (message, reason) => this.#deny(a, name, binding.metadata.name ?? '', message, reason);
                const params = this.#params(policy, binding, a);
                if (typeof params === 'string') {
                    if (fail)
                        deny(`failed to configure binding: ${params}`);
                    continue;
                }
                base ??= {
                    object: toCel(obj), oldObject: toCel(old), request: toCel(this.#request(a)),
                    namespaceObject: toCel(this.#namespaceOf(a) ?? null), params: null, variables: new Map(), authorizer: authorizer(),
                };
                const actions = binding.spec.validationActions ?? [];
                for (const param of params) {
                    const result = this.#evaluate(programs, { ...base, params: toCel(param) });
                    const failures = result.error ? (fail ? [result.error] : []) : result.failures;
                    for (const [key, value] of Object.entries(result.annotations ?? {}))
                        if (ctx.auditAnnotations)
                            ctx.auditAnnotations[`${name}/${key}`] ??= value;
                    for (const f of failures) {
                        if (actions.includes('Warn'))
                            ctx.warnings.push(`Validation failed for ValidatingAdmissionPolicy '${name}' with binding '${binding.metadata.name}': ${f.message}`);
                        // As upstream, the first failure a request has is the one its audit event keeps.
                        if (actions.includes('Audit') && ctx.auditAnnotations && !(AUDIT_KEY in ctx.auditAnnotations)) {
                            ctx.auditAnnotations[AUDIT_KEY] = JSON.stringify([{ message: f.message, policy: name, binding: binding.metadata.name, expressionIndex: f.index, validationActions: actions }]);
                        }
                        // Last, so a binding that audits and denies still leaves its annotation.
                        if (actions.includes('Deny'))
                            deny(f.message, f.reason);
                    }
                }
            }
        }
    }
    #deny(a, policy, binding, message, reason) {
        const r = a.resource;
        const what = a.subresource ? `${r.plural}/${a.subresource}` : r.plural;
        const text = `ValidatingAdmissionPolicy '${policy}' with binding '${binding}' denied request: ${message}`;
        const base = forbidden(what, a.name, text, r.group);
        throw new ApiError(REASON_CODES[reason ?? 'Invalid'] ?? 'Invalid', base.message, { ...base.details, causes: [{ reason: '', message: text }] });
    }
}
//# sourceMappingURL=validating-policy.js.map