import { since } from './duration.js';
import { ageColumn, column, nameColumn } from './columns.js';
export function resourceQuotaColumns() {
    return [
        nameColumn(),
        ageColumn(),
        column('Request', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
        column('Limit', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    ];
}
export function resourceQuotaCells(o, now) {
    const q = o;
    const hard = q.status?.hard ?? {};
    const requests = [];
    const limits = [];
    for (const name of Object.keys(hard).sort()) {
        const cell = `${name}: ${q.status?.used?.[name] ?? '0'}/${hard[name]}`;
        (name.startsWith('limits') ? limits : requests).push(cell);
    }
    return [o.metadata.name, since(o.metadata.creationTimestamp, now), requests.join(', '), limits.join(', ')];
}
//# sourceMappingURL=quota.js.map