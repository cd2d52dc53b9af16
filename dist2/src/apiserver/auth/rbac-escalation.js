// Escalation prevention, as upstream's RBAC storage enforces it: a Role or ClusterRole may be written
// only by one who holds every rule it grants (or may `escalate` roles), and a binding only by one who
// holds every rule of the role it refers to (or may `bind` that role). Only RBAC's own grants count as
// held; members of system:masters may write anything. A ClusterRole's aggregationRule, which can
// gather anything, takes cluster-admin's powers.
import { ApiError, forbidden } from '../../api/errors.js';
import { RBAC_GROUP } from '../../api/validation/rbac.js';
import { decide } from './authorize.js';
const FULL_AUTHORITY = [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }];
const has = (set, v) => !!set?.includes(v);
/** One verb on one resource (and name), or one verb on one URL: what Covers checks rule by rule. */
function breakdown(r) {
    const out = [];
    for (const g of r.apiGroups ?? []) {
        for (const res of r.resources ?? []) {
            for (const verb of r.verbs ?? []) {
                if (r.resourceNames?.length)
                    for (const n of r.resourceNames)
                        out.push({ apiGroups: [g], resources: [res], resourceNames: [n], verbs: [verb] });
                else
                    out.push({ apiGroups: [g], resources: [res], verbs: [verb] });
            }
        }
    }
    for (const u of r.nonResourceURLs ?? [])
        for (const verb of r.verbs ?? [])
            out.push({ nonResourceURLs: [u], verbs: [verb] });
    return out;
}
function resourceCovers(owner, wanted) {
    if (has(owner, '*'))
        return true;
    return (wanted ?? []).every((w) => has(owner, w) || (w.includes('/') && has(owner, `*/${w.slice(w.indexOf('/') + 1)}`)));
}
function urlCovers(owner, wanted) {
    return (wanted ?? []).every((w) => (owner ?? []).some((o) => o === w || (o.endsWith('*') && w.startsWith(o.replace(/\*+$/, '')))));
}
/** Whether owner grants all of sub (one broken-down rule), as upstream's ruleCovers reads it. */
function ruleCovers(owner, sub) {
    const all = (set, want) => has(set, '*') || (want ?? []).every((w) => has(set, w));
    const names = sub.resourceNames?.length ? !owner.resourceNames?.length || sub.resourceNames.every((n) => has(owner.resourceNames, n)) : !owner.resourceNames?.length;
    return all(owner.verbs, sub.verbs) && all(owner.apiGroups, sub.apiGroups) && resourceCovers(owner.resources, sub.resources) && names && urlCovers(owner.nonResourceURLs, sub.nonResourceURLs);
}
/** The broken-down rules of wanted that no rule of owner covers. */
export function uncovered(owner, wanted) {
    return wanted.flatMap(breakdown).filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
}
/** Merges rules on one group, one resource and at most one name into one rule per resource, verbs appended. */
function compact(rules) {
    const simple = new Map();
    const rest = [];
    for (const r of rules) {
        const isSimple = !r.nonResourceURLs?.length && (r.resourceNames?.length ?? 0) <= 1 && r.apiGroups?.length === 1 && r.resources?.length === 1;
        if (!isSimple) {
            rest.push(r);
            continue;
        }
        const key = JSON.stringify([r.apiGroups, r.resources, r.resourceNames ?? []]);
        const seen = simple.get(key);
        if (seen)
            seen.verbs = [...seen.verbs, ...r.verbs];
        else
            simple.set(key, { ...r, verbs: [...r.verbs] });
    }
    return [...rest, ...simple.values()];
}
/** Go's %q of a string slice: `["a" "b"]`. */
const goList = (l) => `[${l.map((s) => JSON.stringify(s)).join(' ')}]`;
/** A rule as upstream's CompactString prints it. */
export function compactString(r) {
    const parts = [];
    if (r.apiGroups?.length)
        parts.push(`APIGroups:${goList(r.apiGroups)}`);
    if (r.resources?.length)
        parts.push(`Resources:${goList(r.resources)}`);
    if (r.nonResourceURLs?.length)
        parts.push(`NonResourceURLs:${goList(r.nonResourceURLs)}`);
    if (r.resourceNames?.length)
        parts.push(`ResourceNames:${goList(r.resourceNames)}`);
    if (r.verbs?.length)
        parts.push(`Verbs:${goList(r.verbs)}`);
    return `{${parts.join(', ')}}`;
}
/** Why user may not grant rules in namespace, or undefined when it holds them all. */
function escalation(user, namespace, rules, authz) {
    const held = authz.rbac.rulesFor(user, namespace);
    const missing = uncovered(held.rules, rules);
    if (!missing.length)
        return undefined;
    const lines = [...new Set(compact(missing).map(compactString))].sort();
    let msg = `user ${JSON.stringify(user.name)} (groups=${goList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
    if (held.errors.length)
        msg += `; resolution errors: [${held.errors.length === 1 ? held.errors[0] : `[${held.errors.join(', ')}]`}]`;
    return msg;
}
function allowedTo(user, verb, plural, namespace, name, authz) {
    return decide(user, { verb, resource: { group: RBAC_GROUP, plural }, namespace: namespace || undefined, name }, authz).allowed;
}
const validRules = (rules) => (Array.isArray(rules) ? rules.filter((r) => !!r && typeof r === 'object') : []);
/** The admission hook of roles, clusterroles, rolebindings and clusterrolebindings. */
export function rbacEscalationCheck(plural, authz) {
    return (verb, obj, old, ctx) => {
        if ((verb !== 'create' && verb !== 'update') || !obj || ctx.user.groups.includes('system:masters'))
            return;
        const user = ctx.user;
        const ns = obj.metadata.namespace ?? '';
        const name = obj.metadata.name;
        if (plural === 'roles' || plural === 'clusterroles') {
            // On create the request names no object, so an `escalate` grant limited by resourceNames cannot apply.
            if (allowedTo(user, 'escalate', plural, ns, verb === 'create' ? undefined : name, authz))
                return;
            const why = escalation(user, ns, validRules(obj.rules), authz);
            if (why)
                throw forbidden(plural, name, why, RBAC_GROUP);
            const aggregation = obj.aggregationRule;
            const changed = aggregation !== undefined && JSON.stringify(aggregation) !== JSON.stringify(old?.aggregationRule);
            if (plural === 'clusterroles' && changed && escalation(user, ns, FULL_AUTHORITY, authz)) {
                throw forbidden(plural, name, 'must have cluster-admin privileges to use the aggregationRule', RBAC_GROUP);
            }
            return;
        }
        const ref = obj.roleRef;
        // A reference validation will refuse needs no escalation check.
        if (!ref || typeof ref !== 'object' || (ref.kind !== 'Role' && ref.kind !== 'ClusterRole') || typeof ref.name !== 'string')
            return;
        const rolePlural = ref.kind === 'Role' ? 'roles' : 'clusterroles';
        if (allowedTo(user, 'bind', rolePlural, ns, ref.name, authz))
            return;
        let rules;
        try {
            rules = authz.rbac.roleRefRules(ref, ns);
        }
        catch {
            throw new ApiError('NotFound', `${rolePlural}.${RBAC_GROUP} "${ref.name}" not found`, { name: ref.name, group: RBAC_GROUP, kind: rolePlural });
        }
        const why = escalation(user, ns, rules, authz);
        if (why)
            throw forbidden(plural, name, why, RBAC_GROUP);
    };
}
//# sourceMappingURL=rbac-escalation.js.map