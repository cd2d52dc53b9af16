// The JSONPath subset CRDs use (printer columns, scale paths): `.a.b`, `.a[0]`, `.a[*].b`,
// `.a['x.y']` and filters `[?(@.type=="Ready")]`. Returns every match, in order.
const cache = new Map();
function parse(path) {
    const steps = [];
    let i = path.startsWith('{') && path.endsWith('}') ? 1 : 0;
    const end = i ? path.length - 1 : path.length;
    while (i < end) {
        const c = path[i];
        if (c === '.') {
            const m = /^[^.[\]]+/.exec(path.slice(i + 1, end));
            if (!m)
                return null;
            steps.push({ key: m[0] });
            i += 1 + m[0].length;
        }
        else if (c === '[') {
            const close = path.indexOf(']', i);
            if (close < 0)
                return null;
            const inner = path.slice(i + 1, close);
            if (inner === '*')
                steps.push({ all: true });
            else if (/^-?\d+$/.test(inner))
                steps.push({ index: Number(inner) });
            else if (/^'[^']*'$|^"[^"]*"$/.test(inner))
                steps.push({ key: inner.slice(1, -1) });
            else {
                const f = /^\?\(@((?:\.[^.=!\s]+)+)\s*==\s*(?:"([^"]*)"|'([^']*)'|([^)\s]+))\)$/.exec(inner);
                if (!f)
                    return null;
                steps.push({ filter: { path: f[1].slice(1).split('.'), value: f[2] ?? f[3] ?? f[4] } });
            }
            i = close + 1;
        }
        else
            return null;
    }
    return steps;
}
const field = (v, k) => (v && typeof v === 'object' && !Array.isArray(v) ? v[k] : undefined);
/** Every value path selects in obj; [] when none (or the path is not in the subset). */
export function jsonPathValues(obj, path) {
    let steps = cache.get(path);
    if (steps === undefined) {
        steps = parse(path);
        cache.set(path, steps);
    }
    if (!steps)
        return [];
    let current = [obj];
    for (const s of steps) {
        const next = [];
        for (const v of current) {
            if ('key' in s)
                next.push(field(v, s.key));
            else if ('index' in s)
                next.push(Array.isArray(v) ? v[s.index < 0 ? v.length + s.index : s.index] : undefined);
            else if ('all' in s)
                next.push(...(Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []));
            else if (Array.isArray(v)) {
                next.push(...v.filter((item) => String(s.filter.path.reduce(field, item)) === s.filter.value));
            }
        }
        current = next.filter((v) => v !== undefined);
    }
    return current;
}
/** Whether path is a plain dotted field path (`.spec.replicas`), the only kind a write may follow. */
export function isFieldPath(path) {
    return /^(\.[^.[\]]+)+$/.test(path);
}
/** Sets the field a plain dotted path names, creating the objects on the way. */
export function setFieldPath(obj, path, value) {
    const keys = path.slice(1).split('.');
    let o = obj;
    for (const k of keys.slice(0, -1)) {
        if (!o[k] || typeof o[k] !== 'object' || Array.isArray(o[k]))
            o[k] = {};
        o = o[k];
    }
    o[keys[keys.length - 1]] = value;
}
//# sourceMappingURL=jsonpath.js.map