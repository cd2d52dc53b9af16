// The decoder's nesting limit, at its edge: JSON bodies with no more brackets than the limit skip both
// depth scans, so the limit must hold exactly whichever way a body goes — 1,000 levels decode, 1,001
// are a 400 — and brackets inside strings must neither count as nesting nor turn a shallow body away.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../src/api/errors.js';
import { decodeDocument, MAX_DEPTH } from '../src/apiserver/http/body.js';

const nested = (levels: number) => Buffer.from('['.repeat(levels) + ']'.repeat(levels));
const refused = (body: Buffer) =>
  assert.throws(() => decodeDocument(body, 'application/json'), (e: unknown) => e instanceof ApiError && e.code === 'BadRequest' && /exceeded max depth of 1000/.test(e.message));

test('JSON nested exactly to the limit decodes; one level more is refused', () => {
  let v = decodeDocument(nested(MAX_DEPTH), 'application/json');
  let depth = 0;
  while (Array.isArray(v)) [v, depth] = [v[0], depth + 1];
  assert.equal(depth, MAX_DEPTH);
  refused(nested(MAX_DEPTH + 1));
});

test('brackets in strings are not nesting: a shallow body holding thousands of them decodes', () => {
  const body = { metadata: { name: 'x', annotations: { a: '[{'.repeat(3000) } }, items: Array.from({ length: 600 }, (_, i) => ({ i })) };
  assert.deepEqual(decodeDocument(Buffer.from(JSON.stringify(body)), 'application/json'), body);
});

test('deep nesting among many quoted brackets is refused', () => {
  const deep = JSON.stringify({ pad: '['.repeat(5000), v: JSON.parse(nested(MAX_DEPTH).toString()) });
  refused(Buffer.from(deep));
});
