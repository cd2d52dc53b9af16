// Taints and tolerations: shared by the scheduler (placement) and the node lifecycle controller (eviction).
/** Whether a toleration matches a taint: same effect (or any), same key (or any with Exists), same value unless Exists. */
export function tolerates(t, taint) {
    if (t.effect && t.effect !== taint.effect)
        return false;
    if (t.key && t.key !== taint.key)
        return false;
    if (!t.key && t.operator !== 'Exists')
        return false;
    if (t.operator === 'Exists')
        return true;
    return (t.value ?? '') === (taint.value ?? '');
}
//# sourceMappingURL=taints.js.map