// JSON values as CEL sees them, typed by their schema as Kubernetes types them: integers are int
// (bigint), numbers double, objects maps, int-or-string an int or a string.
/** value converted for CEL under schema (undefined schema: typed by the value itself). */
export function toCel(value, schema) {
    if (value === null || value === undefined)
        return null;
    if (typeof value === 'number') {
        if (schema?.type === 'number')
            return value;
        return Number.isInteger(value) ? BigInt(value) : value;
    }
    if (typeof value !== 'object')
        return value;
    if (Array.isArray(value))
        return value.map((v) => toCel(v, schema?.items));
    const additional = typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    const m = new Map();
    for (const [k, v] of Object.entries(value))
        m.set(k, toCel(v, schema?.properties?.[k] ?? additional));
    return m;
}
//# sourceMappingURL=values.js.map