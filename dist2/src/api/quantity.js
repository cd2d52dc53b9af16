// Resource quantities (`100m`, `128Mi`, `1e3`) held exactly as a count of nano-units, so that sums and
// comparisons never drift, and printed back in Kubernetes' canonical form (`1536Mi`, `1500m`, `1k`).
import { ApiError } from './errors.js';
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const NUMERIC_ERROR = 'unable to parse numeric part of quantity';
const SUFFIX_ERROR = "unable to parse quantity's suffix";
const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const NUMBER_RE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/;
// Beyond this many powers of ten the value is absurd for a resource, and the bigint would be huge.
const MAX_EXPONENT = 400;
const DECIMAL_SUFFIXES = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = new Map(Object.entries(BINARY_SUFFIXES).map(([s, p]) => [p, s]));
const NANO = 10n ** 9n;
function bad(message) {
    return new ApiError('BadRequest', message);
}
function abs(n) {
    return n < 0n ? -n : n;
}
/** Divides rounding away from zero, as Kubernetes rounds precision it cannot keep. */
function divRoundUp(n, d) {
    const q = n / d;
    return n % d === 0n ? q : q + (n < 0n ? -1n : 1n);
}
function scaleByPow10(n, exp) {
    return exp >= 0 ? n * 10n ** BigInt(exp) : divRoundUp(n, 10n ** BigInt(-exp));
}
/** Parses a quantity; a malformed one is a BadRequest with Kubernetes' decode message. */
export function parseQuantity(text) {
    const m = QUANTITY_RE.exec(text);
    if (!m)
        throw bad(QUANTITY_FORMAT_ERROR);
    const [, numberPart, suffix] = m;
    const num = NUMBER_RE.exec(numberPart);
    if (!num || (!num[2] && !num[3]))
        throw bad(NUMERIC_ERROR);
    const [, sign, whole = '', frac = ''] = num;
    let exp10;
    let binaryPower = 0;
    let format;
    if (suffix in DECIMAL_SUFFIXES) {
        exp10 = DECIMAL_SUFFIXES[suffix];
        format = 'DecimalSI';
    }
    else if (suffix in BINARY_SUFFIXES) {
        exp10 = 0;
        binaryPower = BINARY_SUFFIXES[suffix];
        format = 'BinarySI';
    }
    else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
        exp10 = Number(suffix.slice(1));
        format = 'DecimalExponent';
    }
    else {
        throw bad(SUFFIX_ERROR);
    }
    const shift = 9 + exp10 - frac.length;
    if (Math.abs(shift) > MAX_EXPONENT)
        throw bad(NUMERIC_ERROR);
    const digits = BigInt((whole + frac) || '0') * 1024n ** BigInt(binaryPower);
    const nanos = scaleByPow10(digits, shift);
    return { nanos: sign === '-' ? -nanos : nanos, format };
}
/** A quantity of whole base units (bytes, cores, pods). */
export function quantityFromValue(value, format = 'DecimalSI') {
    return { nanos: BigInt(value) * NANO, format };
}
/** A quantity of milli-units (millicores). */
export function quantityFromMilli(milli, format = 'DecimalSI') {
    return { nanos: BigInt(milli) * 1000000n, format };
}
/** The value in base units, rounded up to a whole number as Kubernetes' Value() does. */
export function quantityValue(q) {
    return Number(divRoundUp(q.nanos, NANO));
}
/** The value in milli-units, rounded up as Kubernetes' MilliValue() does. */
export function quantityMilliValue(q) {
    return Number(divRoundUp(q.nanos, 1000000n));
}
/** Bytes of a memory quantity as the kubelet applies it (Value()), or undefined when unset. */
export function memoryBytes(text) {
    return text === undefined ? undefined : quantityValue(parseQuantity(text));
}
/** Millicores of a CPU quantity (MilliValue()), or undefined when unset. */
export function cpuMillis(text) {
    return text === undefined ? undefined : quantityMilliValue(parseQuantity(text));
}
export function compareQuantities(a, b) {
    return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}
export function addQuantities(a, b) {
    return { nanos: a.nanos + b.nanos, format: a.format };
}
export function subtractQuantities(a, b) {
    return { nanos: a.nanos - b.nanos, format: a.format };
}
/** The largest exponent (a multiple of 3, at most 18) that leaves an integer mantissa. */
function decimalParts(nanos) {
    for (let e = 18; e > -9; e -= 3) {
        const unit = 10n ** BigInt(e + 9);
        if (nanos % unit === 0n)
            return [nanos / unit, e];
    }
    return [nanos, -9];
}
/** Canonical text: `1500m`, `1k`, `16374512Ki`, `1e3`, `0`. */
export function formatQuantity(q) {
    if (q.nanos === 0n)
        return '0';
    if (q.format === 'BinarySI' && abs(q.nanos) >= 1024n * NANO && q.nanos % NANO === 0n) {
        let mantissa = q.nanos / NANO;
        let power = 0;
        while (power < 6 && mantissa % 1024n === 0n) {
            mantissa /= 1024n;
            power++;
        }
        return `${mantissa}${BINARY_BY_POWER.get(power) ?? ''}`;
    }
    const [mantissa, exp] = decimalParts(q.nanos);
    if (q.format === 'DecimalExponent')
        return exp === 0 ? `${mantissa}` : `${mantissa}e${exp}`;
    return `${mantissa}${DECIMAL_BY_EXPONENT.get(exp)}`;
}
/** Parses and prints back canonically: what the API server stores for `1.5Gi` is `1536Mi`. */
export function canonicalQuantity(text) {
    return formatQuantity(parseQuantity(text));
}
//# sourceMappingURL=quantity.js.map