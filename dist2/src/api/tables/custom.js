// The Table of a custom resource: Name, then the version's additionalPrinterColumns (or Age when it
// declares none), each cell read by its JSONPath and shown by its type, as upstream's CRD table
// convertor does (dates as ages, a missing value as an empty cell).
import { jsonPathValues } from '../jsonpath.js';
import { column, nameColumn } from './columns.js';
import { since } from './duration.js';
const AGE = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };
function cell(c, obj, now) {
    const value = jsonPathValues(obj, c.jsonPath)[0];
    if (value === undefined || value === null)
        return null;
    switch (c.type) {
        case 'date':
            return typeof value === 'string' ? since(value, now) : null;
        case 'integer':
            return typeof value === 'number' && Number.isInteger(value) ? value : null;
        case 'number':
            return typeof value === 'number' ? value : null;
        case 'boolean':
            return typeof value === 'boolean' ? value : null;
        default:
            return typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
}
/** The printer for a custom resource version with these columns. */
export function customResourcePrinter(columns) {
    const cols = columns?.length ? columns : [AGE];
    const defs = [nameColumn(), ...cols.map((c) => column(c.name, c.description ?? '', { type: c.type, format: c.format ?? '', priority: c.priority ?? 0 }))];
    return {
        columns: () => defs,
        cells: (obj, now) => [obj.metadata.name, ...cols.map((c) => cell(c, obj, now))],
    };
}
//# sourceMappingURL=custom.js.map