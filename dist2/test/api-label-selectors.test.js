import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isApiError } from '../src/api/errors.js';
import { fromLabelSelectorObject, matchLabels, parseLabelSelector } from '../src/api/selectors/labels.js';
const labels = { app: 'web', tier: 'front', version: '3' };
test('label selectors match as the API server matches them', () => {
    const cases = [
        ['', labels, true],
        ['app=web', labels, true],
        ['app==web', labels, true],
        ['app=db', labels, false],
        ['app!=db', labels, true],
        ['missing!=x', labels, true],
        ['app in (web,db)', labels, true],
        ['app in (db)', labels, false],
        ['app notin (db)', labels, true],
        ['missing notin (db)', labels, true],
        ['app', labels, true],
        ['missing', labels, false],
        ['!missing', labels, true],
        ['!app', labels, false],
        ['app=web,tier=front', labels, true],
        ['app=web, tier=back', labels, false],
        ['version>2', labels, true],
        ['version<3', labels, false],
        ['x in (in)', { x: 'in' }, true],
        ['x in (a,,b)', { x: '' }, true],
        ['x=', { x: '' }, true],
        ['app=web', undefined, false],
        ['!app', undefined, true],
    ];
    for (const [sel, l, want] of cases)
        assert.equal(matchLabels(parseLabelSelector(sel), l), want, sel);
});
test('bad label selectors are BadRequest in the parser\'s words', () => {
    const cases = [
        ['app=web=x', "found '=', expected: ',' or 'end of string'"],
        ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
        ['app in web', "unable to parse requirement: found 'web' expected: '('"],
        ['app in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
        ['app=web,', "found '', expected: identifier after ','"],
        [',app', "found ',', expected: !, identifier, or 'end of string'"],
        ['!', "unable to parse requirement: found '', expected: identifier"],
        ['a=(', "unable to parse requirement: found '(', expected: identifier"],
        [
            'app=a b',
            "found 'b', expected: ',' or 'end of string'",
        ],
        [
            'A_@=b',
            "unable to parse requirement: <nil>: Invalid value: \"A_@\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        ],
        [
            'app=b@d',
            "unable to parse requirement: values[0][app]: Invalid value: \"b@d\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ],
    ];
    for (const [sel, message] of cases) {
        assert.throws(() => parseLabelSelector(sel), (e) => isApiError(e, 'BadRequest') && e.message === message, sel);
    }
});
test('metav1.LabelSelector objects: null selects nothing, {} everything', () => {
    const cases = [
        [null, false],
        [{}, true],
        [{ matchLabels: { app: 'web' } }, true],
        [{ matchLabels: { app: 'db' } }, false],
        [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, true],
        [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, false],
        [{ matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }, true],
        [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'version', operator: 'Exists' }] }, true],
    ];
    for (const [obj, want] of cases)
        assert.equal(matchLabels(fromLabelSelectorObject(obj), labels), want, JSON.stringify(obj));
    assert.throws(() => fromLabelSelectorObject({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }), (e) => isApiError(e, 'BadRequest') && e.message === '"Gt" is not a valid label selector operator');
});
//# sourceMappingURL=api-label-selectors.test.js.map