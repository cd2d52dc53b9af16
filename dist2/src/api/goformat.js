// A JSON value as Go's fmt prints it with %v once decoded into map[string]interface{}: maps as
// `map[k:v …]` with sorted keys, slices as `[a b]`, strings bare, null as `<nil>`. kube-apiserver quotes
// request values that way in some errors (a strategic merge patch it cannot apply, for one).
export function goFormat(v) {
    if (v === null || v === undefined)
        return '<nil>';
    if (Array.isArray(v))
        return `[${v.map(goFormat).join(' ')}]`;
    if (typeof v === 'object') {
        const entries = Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `map[${entries.map(([k, x]) => `${k}:${goFormat(x)}`).join(' ')}]`;
    }
    if (typeof v === 'number' && !Number.isInteger(v))
        return goFloat(v);
    return String(v);
}
/** %v of a float64: the shortest form, with Go's exponent style (1e+21, 1e-07). */
function goFloat(x) {
    const exp = Math.floor(Math.log10(Math.abs(x)));
    if (exp < -4 || exp >= 21) {
        const [m, e] = x.toExponential().split('e');
        const n = Number(e);
        return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
    }
    return String(x);
}
//# sourceMappingURL=goformat.js.map