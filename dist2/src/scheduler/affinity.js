// Node selector terms, as nodeSelector, required and preferred node affinity use them.
/** Terms are ORed; an empty term matches nothing, as in Kubernetes. */
export function matchesAnyTerm(terms, labels, nodeName) {
    return terms.some((t) => matchesTerm(t, labels, nodeName));
}
export function matchesTerm(term, labels, nodeName) {
    const exprs = term.matchExpressions ?? [];
    const fields = term.matchFields ?? [];
    if (exprs.length === 0 && fields.length === 0)
        return false;
    return exprs.every((r) => matchesRequirement(r, labels[r.key])) &&
        fields.every((r) => r.key === 'metadata.name' && matchesRequirement(r, nodeName));
}
function matchesRequirement(r, value) {
    const values = r.values ?? [];
    switch (r.operator) {
        case 'In': return value !== undefined && values.includes(value);
        case 'NotIn': return value === undefined || !values.includes(value);
        case 'Exists': return value !== undefined;
        case 'DoesNotExist': return value === undefined;
        case 'Gt':
        case 'Lt': {
            if (value === undefined || values.length !== 1)
                return false;
            const have = Number.parseInt(value, 10);
            const want = Number.parseInt(values[0], 10);
            if (Number.isNaN(have) || Number.isNaN(want))
                return false;
            return r.operator === 'Gt' ? have > want : have < want;
        }
        default: return false;
    }
}
export function matchesNodeSelector(selector, labels) {
    for (const k in selector)
        if (labels[k] !== selector[k])
            return false;
    return true;
}
//# sourceMappingURL=affinity.js.map