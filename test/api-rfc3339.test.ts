// rfc3339 remembers the last second it formatted: whatever order moments come in (clocks step back,
// callers pass old times), each is written as that moment's own whole second.

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { rfc3339 } from '../src/api/time.js';

const plain = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

it('writes every moment as its own whole second, in any order, from numbers or Dates', () => {
  const base = Date.UTC(2026, 11, 6, 21, 0, 0);
  const moments = [base, base + 999, base + 1000, base - 1, base + 0.5, base + 1, -1500, 0, base + 86_400_000, base + 999.9];
  for (const ms of moments) {
    assert.equal(rfc3339(ms), plain(ms), String(ms));
    assert.equal(rfc3339(new Date(ms)), plain(ms), `Date ${ms}`);
  }
  assert.match(rfc3339(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.throws(() => rfc3339(Number.NaN), RangeError);
});
