// meta.k8s.io/v1 Table: what `kubectl get` asks for, so the server decides the columns and cells.
import { printerFor } from './printers.js';
function rowObject(obj, include) {
    if (include === 'None')
        return null;
    if (include === 'Object')
        return obj;
    const { managedFields: _dropped, ...metadata } = obj.metadata;
    return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}
export function toTable(kind, objects, opts = {}) {
    const printer = opts.printer ?? printerFor(kind);
    const now = opts.now ?? new Date();
    const include = opts.includeObject ?? 'Metadata';
    return {
        kind: 'Table',
        apiVersion: 'meta.k8s.io/v1',
        metadata: opts.listMeta ?? {},
        columnDefinitions: opts.noHeaders ? null : printer.columns(),
        rows: objects.map((obj) => {
            const conditions = printer.conditions?.(obj);
            return { cells: printer.cells(obj, now), ...(conditions ? { conditions } : {}), object: rowObject(obj, include) };
        }),
    };
}
//# sourceMappingURL=table.js.map