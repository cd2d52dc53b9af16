// What the scheduler reads, validated at admission as kube-apiserver does: extended resources (whole
// numbers, requests equal to limits, a limit alone defaulting the request, names that follow the
// standard), inter-Pod affinity terms and topology spread constraints.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyDefaults } from '../src/api/defaults/index.js';
import { validateCreate } from '../src/api/validation/index.js';
function errors(resources, spec = {}) {
    const p = { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox', resources }], ...spec } };
    applyDefaults('Pod', p);
    return validateCreate('Pod', p).map((c) => `${c.field}: ${c.message}`);
}
const R = 'spec.containers[0].resources';
const cases = [
    ['a limit alone (the request defaults to it)', { limits: { 'example.com/dongle': '2' } }, []],
    ['request equal to limit', { limits: { 'example.com/dongle': '2' }, requests: { 'example.com/dongle': '2' } }, []],
    ['request below limit', { limits: { 'example.com/dongle': '2' }, requests: { 'example.com/dongle': '1' } }, [`${R}.requests: Invalid value: "1": must be equal to example.com/dongle limit of 2`]],
    ['request without limit', { requests: { 'example.com/dongle': '1' } }, [`${R}.limits: Required value: Limit must be set for non overcommitable resources`]],
    ['a fraction', { limits: { 'example.com/dongle': '500m' } }, [`${R}.limits[example.com/dongle]: Invalid value: "500m": must be an integer`, `${R}.requests[example.com/dongle]: Invalid value: "500m": must be an integer`]],
    ['a name quota could not use', { limits: { 'requests.example.com/dongle': '1' } }, [`${R}.limits[requests.example.com/dongle]: Invalid value: "requests.example.com/dongle": doesn't follow extended resource name standard`, `${R}.requests[requests.example.com/dongle]: Invalid value: "requests.example.com/dongle": doesn't follow extended resource name standard`]],
    ['hugepages cannot be overcommitted either', { limits: { 'hugepages-2Mi': '4Mi', memory: '1Gi' }, requests: { 'hugepages-2Mi': '2Mi' } }, [`${R}.requests: Invalid value: "2Mi": must be equal to hugepages-2Mi limit of 4Mi`]],
    ['cpu may still be overcommitted', { limits: { cpu: '2' }, requests: { cpu: '1' } }, []],
];
for (const [name, resources, want] of cases) {
    test(`extended resources: ${name}`, () => assert.deepEqual(errors(resources), want));
}
const A = 'spec.affinity.podAntiAffinity';
const T = 'spec.topologySpreadConstraints';
const sel = { matchLabels: { app: 'web' } };
const schedulingCases = [
    ['a well-formed anti-affinity and spread', {
            affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: sel, topologyKey: 'kubernetes.io/hostname', matchLabelKeys: ['pod-template-hash'] }] } },
            topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel, minDomains: 2, nodeTaintsPolicy: 'Honor' }],
        }, []],
    ['an affinity term without a topology key', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: sel, topologyKey: '' }] } } }, [
            `${A}.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty`,
            `${A}.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty`,
            `${A}.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
        ]],
    ['a weight out of range', { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { labelSelector: sel, topologyKey: 'zone' } }] } } }, [
            'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
        ]],
    ['a bad selector operator', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'Near', values: ['x'] }] }, topologyKey: 'zone' }] } } }, [
            `${A}.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].operator: Unsupported value: "Near": supported values: "In", "NotIn", "Exists", "DoesNotExist"`,
        ]],
    ['a bad spread constraint', { topologySpreadConstraints: [{ maxSkew: 0, topologyKey: '', whenUnsatisfiable: 'Sometimes', minDomains: 0 }] }, [
            `${T}[0].maxSkew: Invalid value: 0: must be greater than zero`,
            `${T}[0].topologyKey: Required value: can not be empty`,
            `${T}[0].whenUnsatisfiable: Unsupported value: "Sometimes": supported values: "DoNotSchedule", "ScheduleAnyway"`,
            `${T}[0].minDomains: Invalid value: 0: must be greater than zero`,
            `${T}[0].minDomains: Invalid value: 0: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not Sometimes`,
        ]],
    ['two constraints of one kind', { topologySpreadConstraints: [1, 2].map((maxSkew) => ({ maxSkew, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: sel })) }, [
            `${T}[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, ScheduleAnyway}"`,
        ]],
    ['matchLabelKeys overlapping the selector, and without one', { topologySpreadConstraints: [
                { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel, matchLabelKeys: ['app'] },
                { maxSkew: 1, topologyKey: 'host', whenUnsatisfiable: 'DoNotSchedule', matchLabelKeys: ['rev'] },
            ] }, [
            `${T}[0].matchLabelKeys[0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector`,
            `${T}[1].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set`,
        ]],
];
for (const [name, spec, want] of schedulingCases) {
    test(`scheduling fields: ${name}`, () => assert.deepEqual(errors({}, spec), want));
}
//# sourceMappingURL=api-scheduling-validation.test.js.map