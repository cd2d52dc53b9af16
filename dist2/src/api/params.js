// Boolean query parameters as kube-apiserver converts them (apimachinery's Convert_Slice_string_To_bool):
// absent is false; "0" and "false" in any case are false; every other value, "" included, is true. So the
// python client's `watch=True` and a bare `?follow` both mean yes.
export function flagParam(q, name) {
    const v = q.get(name);
    return v !== null && v !== '0' && v.toLowerCase() !== 'false';
}
/** A pointer-valued flag (sendInitialEvents): undefined when absent. */
export function optionalFlagParam(q, name) {
    return q.has(name) ? flagParam(q, name) : undefined;
}
//# sourceMappingURL=params.js.map