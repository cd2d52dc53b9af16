// Field-level causes, worded like apimachinery's field errors: the registry joins them into the 422
// message (`<field>: <body>`), so the body here is exactly what kubectl prints after the path.
import type { Cause } from '../errors.js';

/** A field path as Kubernetes prints it: `spec.containers[0].name`, `metadata.labels[app]`. */
export class FieldPath {
  readonly #text: string;
  private constructor(text: string) {
    this.#text = text;
  }
  static root(name: string): FieldPath {
    return new FieldPath(name);
  }
  child(name: string): FieldPath {
    return new FieldPath(this.#text ? `${this.#text}.${name}` : name);
  }
  index(i: number): FieldPath {
    return new FieldPath(`${this.#text}[${i}]`);
  }
  key(k: string): FieldPath {
    return new FieldPath(`${this.#text}[${k}]`);
  }
  toString(): string {
    return this.#text;
  }
}

/** How Go's field errors print a bad value: strings quoted, numbers and booleans bare, nil as null. */
export function formatBadValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

function cause(reason: Cause['reason'], path: FieldPath, message: string): Cause {
  return { reason, message, field: path.toString() };
}

function withDetail(body: string, detail: string): string {
  return detail ? `${body}: ${detail}` : body;
}

export function invalidValue(path: FieldPath, value: unknown, detail: string): Cause {
  return cause('FieldValueInvalid', path, withDetail(`Invalid value: ${formatBadValue(value)}`, detail));
}

export function requiredValue(path: FieldPath, detail = ''): Cause {
  return cause('FieldValueRequired', path, withDetail('Required value', detail));
}

export function duplicateValue(path: FieldPath, value: unknown): Cause {
  return cause('FieldValueDuplicate', path, `Duplicate value: ${formatBadValue(value)}`);
}

export function notFoundValue(path: FieldPath, value: unknown): Cause {
  return cause('FieldValueNotFound', path, `Not found: ${formatBadValue(value)}`);
}

export function unsupportedValue(path: FieldPath, value: unknown, supported: readonly string[]): Cause {
  const detail = supported.length ? `supported values: ${supported.map((v) => JSON.stringify(v)).join(', ')}` : '';
  return cause('FieldValueNotSupported', path, withDetail(`Unsupported value: ${formatBadValue(value)}`, detail));
}

export function forbidden(path: FieldPath, detail: string): Cause {
  return cause('FieldValueForbidden', path, withDetail('Forbidden', detail));
}

export function tooLong(path: FieldPath, maxBytes: number): Cause {
  return cause('FieldValueTooLong', path, `Too long: must have at most ${maxBytes} bytes`);
}

/** One Invalid cause per message of a name check, as upstream reports each rule broken. */
export function invalidEach(path: FieldPath, value: unknown, messages: readonly string[]): Cause[] {
  return messages.map((m) => invalidValue(path, value, m));
}

/** `ValidateImmutableField`: a changed value is reported with the new one. */
export function immutable(path: FieldPath, newValue: unknown, oldValue: unknown): Cause[] {
  return JSON.stringify(newValue) === JSON.stringify(oldValue) ? [] : [invalidValue(path, newValue, 'field is immutable')];
}

export const NONNEGATIVE = 'must be greater than or equal to 0';

export function inclusiveRange(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** An Invalid cause whose value is shown as given (Go's %#v of a slice: `[]string{"10.43.0.5"}`). */
export function invalidShown(path: FieldPath, shown: string, detail: string): Cause {
  return cause('FieldValueInvalid', path, withDetail(`Invalid value: ${shown}`, detail));
}

/** A []string as Go's %#v prints it. */
export function goStringSlice(values: readonly string[]): string {
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}
