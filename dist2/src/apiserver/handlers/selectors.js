// Turns labelSelector / fieldSelector query parameters into predicates over objects.
import { fieldsOf, allowedFieldSelectors } from '../../api/fields.js';
import { matchFields, parseFieldSelector } from '../../api/selectors/fields.js';
import { matchLabels, parseLabelSelector } from '../../api/selectors/labels.js';
export function predicatesFrom(query, kind, rules) {
    const p = {};
    const ls = query.get('labelSelector');
    if (ls) {
        const sel = parseLabelSelector(ls);
        p.labelMatch = (o) => matchLabels(sel, o.metadata.labels);
    }
    const fs = query.get('fieldSelector');
    if (fs) {
        const sel = rules ? parseFieldSelector(fs, rules.allowed, kind, rules.unsupported) : parseFieldSelector(fs, allowedFieldSelectors(kind), kind);
        const fields = rules ? rules.fields : (o) => fieldsOf(kind, o);
        p.fieldMatch = (o) => matchFields(sel, fields(o));
    }
    return p;
}
export function matchesAll(p, o) {
    return (!p.labelMatch || p.labelMatch(o)) && (!p.fieldMatch || p.fieldMatch(o));
}
//# sourceMappingURL=selectors.js.map