// Extended resources at admission, as kube-apiserver validates them: whole numbers, requests equal to
// limits (a limit alone defaults the request), a limit required, and names that follow the standard.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyDefaults } from '../src/api/defaults/index.js';
import type { Pod, ResourceRequirements } from '../src/api/types.js';
import { validateCreate } from '../src/api/validation/index.js';

function errors(resources: ResourceRequirements): string[] {
  const p: Pod = { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox', resources }] } };
  applyDefaults('Pod', p);
  return validateCreate('Pod', p).map((c) => `${c.field}: ${c.message}`);
}

const R = 'spec.containers[0].resources';
const cases: [string, ResourceRequirements, string[]][] = [
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
