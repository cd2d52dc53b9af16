/** A field path as Kubernetes prints it: `spec.containers[0].name`, `metadata.labels[app]`. */
export class FieldPath {
    #text;
    constructor(text) {
        this.#text = text;
    }
    static root(name) {
        return new FieldPath(name);
    }
    child(name) {
        return new FieldPath(this.#text ? `${this.#text}.${name}` : name);
    }
    index(i) {
        return new FieldPath(`${this.#text}[${i}]`);
    }
    key(k) {
        return new FieldPath(`${this.#text}[${k}]`);
    }
    toString() {
        return this.#text;
    }
}
/** How Go's field errors print a bad value: strings quoted, numbers and booleans bare, nil as null. */
export function formatBadValue(value) {
    if (value === undefined || value === null)
        return 'null';
    if (typeof value === 'string')
        return JSON.stringify(value);
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
        return String(value);
    return JSON.stringify(value);
}
function cause(reason, path, message) {
    return { reason, message, field: path.toString() };
}
function withDetail(body, detail) {
    return detail ? `${body}: ${detail}` : body;
}
export function invalidValue(path, value, detail) {
    return cause('FieldValueInvalid', path, withDetail(`Invalid value: ${formatBadValue(value)}`, detail));
}
export function requiredValue(path, detail = '') {
    return cause('FieldValueRequired', path, withDetail('Required value', detail));
}
export function duplicateValue(path, value) {
    return cause('FieldValueDuplicate', path, `Duplicate value: ${formatBadValue(value)}`);
}
export function notFoundValue(path, value) {
    return cause('FieldValueNotFound', path, `Not found: ${formatBadValue(value)}`);
}
export function unsupportedValue(path, value, supported) {
    const detail = supported.length ? `supported values: ${supported.map((v) => JSON.stringify(v)).join(', ')}` : '';
    return cause('FieldValueNotSupported', path, withDetail(`Unsupported value: ${formatBadValue(value)}`, detail));
}
export function forbidden(path, detail) {
    return cause('FieldValueForbidden', path, withDetail('Forbidden', detail));
}
export function tooLong(path, maxBytes) {
    return cause('FieldValueTooLong', path, `Too long: must have at most ${maxBytes} bytes`);
}
/** One Invalid cause per message of a name check, as upstream reports each rule broken. */
export function invalidEach(path, value, messages) {
    return messages.map((m) => invalidValue(path, value, m));
}
/** `ValidateImmutableField`: a changed value is reported with the new one. */
export function immutable(path, newValue, oldValue) {
    return JSON.stringify(newValue) === JSON.stringify(oldValue) ? [] : [invalidValue(path, newValue, 'field is immutable')];
}
export const NONNEGATIVE = 'must be greater than or equal to 0';
export const IP_ERROR = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
export function inclusiveRange(lo, hi) {
    return `must be between ${lo} and ${hi}, inclusive`;
}
/** An Invalid cause whose value is shown as given (Go's %#v of a slice: `[]string{"10.43.0.5"}`). */
export function invalidShown(path, shown, detail) {
    return cause('FieldValueInvalid', path, withDetail(`Invalid value: ${shown}`, detail));
}
/** A []string as Go's %#v prints it. */
export function goStringSlice(values) {
    return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}
//# sourceMappingURL=field.js.map