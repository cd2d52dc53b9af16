// The Pod spec's inter-Pod affinity and topology spread constraints, validated as
// pkg/apis/core/validation does (field paths and wording), so the scheduler only sees terms it can read.
import { validateLabelSelector } from './apps.js';
import { duplicateValue, forbidden, invalidEach, invalidValue, requiredValue, unsupportedValue } from './field.js';
import { isDNS1123Label, isQualifiedName } from './names.js';
const NOT_POSITIVE = 'must be greater than zero';
function validateAffinityTerm(t, path) {
    const causes = [];
    if (t.labelSelector)
        causes.push(...validateLabelSelector(t.labelSelector, path.child('labelSelector')));
    if (t.namespaceSelector)
        causes.push(...validateLabelSelector(t.namespaceSelector, path.child('namespaceSelector')));
    for (const ns of t.namespaces ?? [])
        causes.push(...invalidEach(path.child('namespace'), ns, isDNS1123Label(ns)));
    // The API server folds these keys into the selector itself, so a key may appear in both.
    causes.push(...validateLabelKeys(t.matchLabelKeys, path.child('matchLabelKeys'), t.labelSelector, false));
    causes.push(...validateLabelKeys(t.mismatchLabelKeys, path.child('mismatchLabelKeys'), t.labelSelector, false));
    const match = new Set(t.matchLabelKeys ?? []);
    (t.mismatchLabelKeys ?? []).forEach((k, i) => {
        if (match.has(k))
            causes.push(invalidValue(path.child('mismatchLabelKeys').index(i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
    });
    if (!t.topologyKey)
        causes.push(requiredValue(path.child('topologyKey'), 'can not be empty'));
    causes.push(...invalidEach(path.child('topologyKey'), t.topologyKey ?? '', isQualifiedName(t.topologyKey ?? '')));
    return causes;
}
/** matchLabelKeys / mismatchLabelKeys: label names, with a selector, and (if `disjoint`) none it already constrains. */
function validateLabelKeys(keys, path, selector, disjoint) {
    if (!keys?.length)
        return [];
    if (!selector)
        return [forbidden(path, 'must not be specified when labelSelector is not set')];
    const taken = new Set([...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((e) => e.key)]);
    return keys.flatMap((k, i) => [
        ...invalidEach(path.index(i), k, isQualifiedName(k)),
        ...(disjoint && taken.has(k) ? [invalidValue(path.index(i), k, 'exists in both matchLabelKeys and labelSelector')] : []),
    ]);
}
function validatePodAffinity(a, path) {
    if (!a)
        return [];
    const causes = [];
    const required = path.child('requiredDuringSchedulingIgnoredDuringExecution');
    (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => causes.push(...validateAffinityTerm(t, required.index(i))));
    const preferred = path.child('preferredDuringSchedulingIgnoredDuringExecution');
    (a.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w, i) => {
        if (!(w.weight >= 1 && w.weight <= 100))
            causes.push(invalidValue(preferred.index(i).child('weight'), w.weight, 'must be in the range 1-100'));
        causes.push(...validateAffinityTerm(w.podAffinityTerm, preferred.index(i).child('podAffinityTerm')));
    });
    return causes;
}
export function validateInterPodAffinity(affinity, path) {
    return [...validatePodAffinity(affinity?.podAffinity, path.child('podAffinity')), ...validatePodAffinity(affinity?.podAntiAffinity, path.child('podAntiAffinity'))];
}
const ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];
const INCLUSION_POLICIES = ['Honor', 'Ignore'];
export function validateTopologySpreadConstraints(constraints, path) {
    const causes = [];
    (constraints ?? []).forEach((c, i) => {
        const at = path.index(i);
        if (!(c.maxSkew > 0))
            causes.push(invalidValue(at.child('maxSkew'), c.maxSkew, NOT_POSITIVE));
        if (!c.topologyKey)
            causes.push(requiredValue(at.child('topologyKey'), 'can not be empty'));
        if (!ACTIONS.includes(c.whenUnsatisfiable))
            causes.push(unsupportedValue(at.child('whenUnsatisfiable'), c.whenUnsatisfiable ?? '', ACTIONS));
        // {topologyKey, whenUnsatisfiable} names one kind of constraint: at most one of each.
        if (constraints.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
            causes.push(duplicateValue(at.child('{topologyKey, whenUnsatisfiable}'), `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
        }
        if (c.minDomains !== undefined && c.minDomains !== null) {
            if (!(c.minDomains > 0))
                causes.push(invalidValue(at.child('minDomains'), c.minDomains, NOT_POSITIVE));
            if (c.whenUnsatisfiable !== 'DoNotSchedule') {
                causes.push(invalidValue(at.child('minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`));
            }
        }
        for (const p of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
            if (c[p] !== undefined && c[p] !== null && !INCLUSION_POLICIES.includes(c[p]))
                causes.push(unsupportedValue(at.child(p), c[p], INCLUSION_POLICIES));
        }
        causes.push(...validateLabelKeys(c.matchLabelKeys, at.child('matchLabelKeys'), c.labelSelector, true));
        if (c.labelSelector)
            causes.push(...validateLabelSelector(c.labelSelector, at.child('labelSelector')));
    });
    return causes;
}
//# sourceMappingURL=scheduling.js.map