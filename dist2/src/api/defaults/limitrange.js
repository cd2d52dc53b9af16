export function defaultLimitRange(lr) {
    for (const item of lr.spec?.limits ?? []) {
        if (item.type !== 'Container')
            continue;
        const def = (item.default ??= {});
        const req = (item.defaultRequest ??= {});
        for (const [k, v] of Object.entries(item.max ?? {}))
            def[k] ??= v;
        for (const [k, v] of Object.entries(def))
            req[k] ??= v;
        for (const [k, v] of Object.entries(item.min ?? {}))
            req[k] ??= v;
    }
}
//# sourceMappingURL=limitrange.js.map