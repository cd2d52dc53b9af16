// Whether one RBAC PolicyRule covers a request, as upstream's RuleAllows reads a rule: verbs and API
// groups match exactly or by "*"; a resource matches as `plural`, `plural/subresource`, "*", or
// "*/subresource"; resourceNames, when given, must name the object; a non-resource URL matches exactly,
// by "*", or by a prefix ending in "*".
const has = (list, v) => !!list && (list.includes(v) || list.includes('*'));
function resourceMatches(rule, plural, subresource) {
    const wanted = subresource ? `${plural}/${subresource}` : plural;
    for (const r of rule.resources ?? []) {
        if (r === '*' || r === wanted)
            return true;
        if (subresource && r === `*/${subresource}`)
            return true;
    }
    return false;
}
/** Whether rule allows the resource request a. */
export function ruleAllows(rule, a) {
    return (has(rule.verbs, a.verb) &&
        has(rule.apiGroups, a.resource.group) &&
        resourceMatches(rule, a.resource.plural, a.subresource) &&
        (!rule.resourceNames?.length || (a.name !== undefined && rule.resourceNames.includes(a.name))));
}
/** Whether rule allows verb on the non-resource path. */
export function ruleAllowsPath(rule, verb, path) {
    if (!has(rule.verbs, verb))
        return false;
    return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));
}
//# sourceMappingURL=rbac-rules.js.map