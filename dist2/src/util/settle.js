// Waiting for a group of steps to finish before acting on a failure among them: undo code that ran
// while a step was still going would miss what that step made afterwards (a process, a mount).
/** One error for several failures: a lone failure as it is unless `what` names the group. */
export function combinedError(errors, what) {
    if (errors.length === 1 && errors[0] instanceof Error && what === undefined)
        return errors[0];
    const text = errors.map((e) => (e instanceof Error ? e.message : String(e))).join('; ');
    return new AggregateError(errors, `${what ?? 'several steps failed'}: ${text}`);
}
/** Like Promise.all, but settles every promise before it rejects (with combinedError of the failures). */
export async function settleAll(promises, what) {
    const results = await Promise.allSettled(promises);
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    if (errors.length > 0)
        throw combinedError(errors, what);
    return results.map((r) => r.value);
}
//# sourceMappingURL=settle.js.map