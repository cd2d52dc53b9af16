import { duplicateValue, invalidEach, invalidValue, requiredValue, unsupportedValue } from './field.js';
import { isLabelValue, isQualifiedName } from './names.js';
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
function validateEffect(effect, path, allowEmpty) {
    if (!effect)
        return allowEmpty ? [] : [requiredValue(path)];
    return EFFECTS.includes(effect) ? [] : [unsupportedValue(path, effect, EFFECTS)];
}
export function validateTolerations(tolerations, path) {
    const causes = [];
    (tolerations ?? []).forEach((t, i) => {
        const at = path.index(i);
        const opPath = at.child('operator');
        if (t.key)
            causes.push(...invalidEach(at.child('key'), t.key, isQualifiedName(t.key)));
        if (!t.key && t.operator !== 'Exists')
            causes.push(invalidValue(opPath, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
        if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
            causes.push(invalidValue(at.child('effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
        switch (t.operator ?? '') {
            case 'Equal':
            case '': {
                const errs = isLabelValue(t.value ?? '');
                if (errs.length)
                    causes.push(invalidValue(opPath, t.value ?? '', errs.join(';')));
                break;
            }
            case 'Exists':
                if (t.value)
                    causes.push(invalidValue(opPath, t, "value must be empty when `operator` is 'Exists'"));
                break;
            default:
                causes.push(unsupportedValue(opPath, t.operator, ['Equal', 'Exists']));
        }
        causes.push(...validateEffect(t.effect, at.child('effect'), true));
    });
    return causes;
}
export function validateTaints(taints, path) {
    const causes = [];
    const seen = new Set();
    (taints ?? []).forEach((t, i) => {
        const at = path.index(i);
        causes.push(...invalidEach(at.child('key'), t.key ?? '', isQualifiedName(t.key ?? '')));
        const errs = isLabelValue(t.value ?? '');
        if (errs.length)
            causes.push(invalidValue(at.child('value'), t.value ?? '', errs.join(';')));
        causes.push(...validateEffect(t.effect, at.child('effect'), false));
        // A node may carry one taint per (key, effect).
        const id = `${t.key}\u0000${t.effect}`;
        if (seen.has(id))
            causes.push(duplicateValue(at, t));
        seen.add(id);
    });
    return causes;
}
//# sourceMappingURL=taints.js.map