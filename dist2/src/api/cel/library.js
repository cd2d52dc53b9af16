// Kubernetes' CEL extension libraries (k8s.io/apiserver/pkg/cel/library) over @bufbuild/cel: lists
// (isSorted, sum, min, max, indexOf, lastIndexOf), regex (find, findAll) and quantity. A quantity is
// carried as its canonical string, parsed by berth's one quantity parser (api/quantity.ts), so its
// methods are string methods here.
import { celFunc, celMethod, CelScalar, listType } from '@bufbuild/cel';
import { addQuantities, compareQuantities, formatQuantity, parseQuantity } from '../quantity.js';
const DYN = CelScalar.DYN;
const LIST = listType(DYN);
const STRING = CelScalar.STRING;
const INT = CelScalar.INT;
/** CEL's ordering of two comparable values (ints, doubles, strings, bools); throws on others. */
function compare(a, b) {
    const kind = (v) => (typeof v === 'bigint' || typeof v === 'number' ? 'num' : typeof v);
    if (kind(a) !== kind(b) || !['num', 'string', 'boolean'].includes(kind(a)))
        throw new Error('no such overload');
    const [x, y] = [a, b];
    return x < y ? -1 : x > y ? 1 : 0;
}
function extreme(list, sign) {
    if (list.size === 0)
        throw new Error(`${sign > 0 ? 'max' : 'min'}(list) argument must not be empty`);
    let best = list.get(0);
    for (const v of list)
        if (compare(v, best) * sign > 0)
            best = v;
    return best;
}
function sum(list) {
    let total = 0n;
    for (const v of list) {
        if (typeof v === 'bigint' && typeof total === 'bigint')
            total += v;
        else if (typeof v === 'number')
            total = Number(total) + v;
        else
            throw new Error('no such overload');
    }
    return total;
}
const isNumber = (v) => typeof v === 'number' || typeof v === 'bigint';
function indexOf(list, x, last) {
    let found = -1;
    let i = 0;
    for (const v of list) {
        if (v === x || (isNumber(v) && isNumber(x) && Number(v) === Number(x))) {
            found = i;
            if (!last)
                break;
        }
        i++;
    }
    return BigInt(found);
}
const lists = [
    celMethod('isSorted', LIST, [], CelScalar.BOOL, function () {
        let prev;
        for (const v of this) {
            if (prev !== undefined && compare(prev, v) > 0)
                return false;
            prev = v;
        }
        return true;
    }),
    celMethod('sum', LIST, [], DYN, function () {
        return sum(this);
    }),
    celMethod('min', LIST, [], DYN, function () {
        return extreme(this, -1);
    }),
    celMethod('max', LIST, [], DYN, function () {
        return extreme(this, 1);
    }),
    celMethod('indexOf', LIST, [DYN], INT, function (x) {
        return indexOf(this, x, false);
    }),
    celMethod('lastIndexOf', LIST, [DYN], INT, function (x) {
        return indexOf(this, x, true);
    }),
];
function regex(pattern, flags = '') {
    return new RegExp(pattern, `u${flags}`);
}
const regexes = [
    celMethod('find', STRING, [STRING], STRING, function (pattern) {
        return regex(pattern).exec(this)?.[0] ?? '';
    }),
    celMethod('findAll', STRING, [STRING], listType(STRING), function (pattern) {
        return [...this.matchAll(regex(pattern, 'g'))].map((m) => m[0]);
    }),
    celMethod('findAll', STRING, [STRING, INT], listType(STRING), function (pattern, limit) {
        const all = [...this.matchAll(regex(pattern, 'g'))].map((m) => m[0]);
        return limit < 0n ? all : all.slice(0, Number(limit));
    }),
];
function quantityOf(s) {
    try {
        return parseQuantity(s);
    }
    catch {
        throw new Error(`invalid quantity: ${s}`);
    }
}
const q = (s) => quantityOf(s);
const negate = (x) => ({ nanos: -x.nanos, format: x.format });
const NANO = 10n ** 9n;
const quantities = [
    celFunc('quantity', [STRING], STRING, (s) => formatQuantity(quantityOf(s))),
    celFunc('isQuantity', [STRING], CelScalar.BOOL, (s) => {
        try {
            parseQuantity(s);
            return true;
        }
        catch {
            return false;
        }
    }),
    celMethod('compareTo', STRING, [STRING], INT, function (o) {
        return BigInt(compareQuantities(q(this), q(o)));
    }),
    celMethod('isGreaterThan', STRING, [STRING], CelScalar.BOOL, function (o) {
        return compareQuantities(q(this), q(o)) > 0;
    }),
    celMethod('isLessThan', STRING, [STRING], CelScalar.BOOL, function (o) {
        return compareQuantities(q(this), q(o)) < 0;
    }),
    celMethod('add', STRING, [STRING], STRING, function (o) {
        return formatQuantity(addQuantities(q(this), q(o)));
    }),
    celMethod('add', STRING, [INT], STRING, function (o) {
        return formatQuantity(addQuantities(q(this), q(String(o))));
    }),
    celMethod('sub', STRING, [STRING], STRING, function (o) {
        return formatQuantity(addQuantities(q(this), negate(q(o))));
    }),
    celMethod('sub', STRING, [INT], STRING, function (o) {
        return formatQuantity(addQuantities(q(this), negate(q(String(o)))));
    }),
    celMethod('sign', STRING, [], INT, function () {
        const n = q(this).nanos;
        return n > 0n ? 1n : n < 0n ? -1n : 0n;
    }),
    celMethod('isInteger', STRING, [], CelScalar.BOOL, function () {
        return q(this).nanos % NANO === 0n;
    }),
    celMethod('asInteger', STRING, [], INT, function () {
        const n = q(this).nanos;
        if (n % NANO !== 0n)
            throw new Error('cannot convert value to integer');
        return n / NANO;
    }),
    celMethod('asApproximateFloat', STRING, [], CelScalar.DOUBLE, function () {
        return Number(q(this).nanos) / 1e9;
    }),
];
/** Every Kubernetes extension function berth offers, for the one environment (env.ts). */
export const KUBERNETES_LIBRARY = [...lists, ...regexes, ...quantities];
//# sourceMappingURL=library.js.map