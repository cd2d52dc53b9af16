import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isApiError } from '../src/api/errors.js';
import { QUANTITY_FORMAT_ERROR, canonicalQuantity, formatQuantity, parseQuantity, quantityFromValue, quantityMilliValue, quantityValue, } from '../src/api/quantity.js';
test('quantities parse to base units and milli-units, rounding up', () => {
    const cases = [
        ['100m', 1, 100],
        ['1', 1, 1000],
        ['1.5', 2, 1500],
        ['128Mi', 134217728, 134217728000],
        ['1G', 1e9, 1e12],
        ['1e3', 1000, 1000000],
        ['2Ki', 2048, 2048000],
        ['0', 0, 0],
        ['-1', -1, -1000],
        ['.5', 1, 500],
        ['1n', 1, 1],
    ];
    for (const [text, value, milli] of cases) {
        const q = parseQuantity(text);
        assert.equal(quantityValue(q), value, text);
        assert.equal(quantityMilliValue(q), milli, text);
    }
});
test('quantities print canonically', () => {
    const cases = [
        ['1.5Gi', '1536Mi'],
        ['1000m', '1'],
        ['1500m', '1500m'],
        ['1.5', '1500m'],
        ['1000', '1k'],
        ['1500', '1500'],
        ['1024', '1024'],
        ['1024Ki', '1Mi'],
        ['0.5Ki', '512'],
        ['1536', '1536'],
        ['1e3', '1e3'],
        ['1e0', '1'],
        ['0.1', '100m'],
        ['0.0000000001', '1n'],
        ['0Gi', '0'],
        ['2E', '2E'],
    ];
    for (const [text, canonical] of cases)
        assert.equal(canonicalQuantity(text), canonical, text);
    assert.equal(formatQuantity(quantityFromValue(16767500288, 'BinarySI')), '16374512Ki');
});
test('malformed quantities are BadRequest with the Kubernetes message', () => {
    const cases = [
        ['', QUANTITY_FORMAT_ERROR],
        ['abc', QUANTITY_FORMAT_ERROR],
        ['1 Gi', QUANTITY_FORMAT_ERROR],
        ['1.2.3', 'unable to parse numeric part of quantity'],
        ['.', 'unable to parse numeric part of quantity'],
        ['1K', "unable to parse quantity's suffix"],
        ['1Mii', "unable to parse quantity's suffix"],
        ['1e', "unable to parse quantity's suffix"],
    ];
    for (const [text, message] of cases) {
        assert.throws(() => parseQuantity(text), (e) => isApiError(e, 'BadRequest') && e.message === message, JSON.stringify(text));
    }
});
//# sourceMappingURL=api-quantity.test.js.map