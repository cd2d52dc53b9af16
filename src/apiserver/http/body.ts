// Reading and decoding request bodies: JSON, YAML or Kubernetes protobuf, never more than 3 MiB
// (Kubernetes' limit).

import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import { ApiError } from '../../api/errors.js';
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE } from './protobuf.js';
import { goJsonSyntaxError, summarizeBody } from '../../api/gojson.js';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

const tooLarge = () => new ApiError('RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
const prematureClose = () => Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  // A request of the in-process transport is no stream: its body comes by iterating it.
  if (!(req instanceof Readable)) {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks);
  }
  return readStream(req);
}

/**
 * A stream's body by its events: an async iterator over the stream costs every request a set of
 * listeners, promises and an end-of-stream watch (about 2% of a write's CPU). A body over the limit
 * destroys the stream, as leaving an iterator does.
 */
function readStream(req: Readable): Promise<Buffer> {
  // Read to its end already (nothing is left to come), or gone: no event would ever settle the wait.
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  if (req.destroyed) return Promise.reject(prematureClose());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (e?: unknown): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', settle);
      req.off('close', onClose);
      if (e === undefined) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
      else reject(e);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      chunks.push(chunk);
      if (size <= MAX_BODY_BYTES) return;
      settle(tooLarge());
      req.destroy();
    };
    const onEnd = (): void => settle();
    // Closed before its end (the client went away): what an iterator over it throws.
    const onClose = (): void => settle(prematureClose());
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', settle);
    req.on('close', onClose);
  });
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? 'application/json').split(';')[0].trim().toLowerCase();
}

/** Nesting deeper than this is refused at the door: everything after decoding may recurse over it. */
export const MAX_DEPTH = 1000;

/** Whether v nests deeper than max (iterative, so it cannot itself run out of stack). */
function tooDeep(v: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[v, 1]];
  const seen = new Set<object>();
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object' || seen.has(x)) continue;
    if (d > max) return true;
    seen.add(x);
    for (const c of Array.isArray(x) ? x : Object.values(x)) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
  return false;
}

/**
 * Whether the text opens more than max brackets at once, outside quoted strings: a linear scan that
 * runs before any parser, since a YAML parser spends seconds on a deep flow collection.
 */
function nestsTooDeep(text: string, max: number, yaml: boolean): boolean {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === 0x5c && quote === 0x22) i++; // a backslash escape inside "…"
      else if (c === quote) quote = 0;
    } else if (c === 0x22 || (yaml && c === 0x27)) quote = c; // " or, in YAML, '
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true; // [ {
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--; // ] }
  }
  return false;
}

/**
 * Decodes a JSON, YAML or protobuf (`application/vnd.kubernetes.protobuf`, for the kinds
 * ./protobuf.ts knows) document into a value; malformed input is a 400 naming the problem.
 */
export function decodeDocument(body: Buffer, type: string): unknown {
  if (type === PROTOBUF_MEDIA_TYPE) return decodeProtobufObject(body);
  const text = body.toString('utf8');
  if (text.trim() === '') throw new ApiError('BadRequest', 'the body of the request was empty');
  const what = type.includes('yaml') ? 'yaml' : 'json';
  // JSON nests only by brackets: with no more of them than the limit, neither depth check can fail.
  const mayNestTooDeep = what === 'yaml' || opensMoreThan(text, MAX_DEPTH);
  if (mayNestTooDeep && nestsTooDeep(text, MAX_DEPTH, what === 'yaml')) throw new ApiError('BadRequest', `error decoding ${what}: exceeded max depth of ${MAX_DEPTH}`);
  let value: unknown;
  try {
    value = what === 'yaml' ? parseYaml(text, { schema: 'core', uniqueKeys: true }) : JSON.parse(text);
  } catch (e) {
    throw new ApiError('BadRequest', `error decoding ${what}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (mayNestTooDeep && tooDeep(value, MAX_DEPTH)) throw new ApiError('BadRequest', `error decoding ${what}: exceeded max depth of ${MAX_DEPTH}`);
  return value;
}

/** Whether text holds more than max opening brackets (`[` and `{`, quoted or not), counted by native search. */
function opensMoreThan(text: string, max: number): boolean {
  let n = 0;
  for (const open of ['{', '[']) {
    for (let i = text.indexOf(open); i >= 0; i = text.indexOf(open, i + 1)) if (++n > max) return true;
  }
  return false;
}

/** Go's json, asked to read a value into the struct kube-apiserver first reads apiVersion and kind into. */
const TYPE_META_STRUCT = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/**
 * A JSON body that is not a JSON object cannot tell its kind: kube-apiserver's words, naming the kind the
 * URL expects and quoting the start of the body (YAML sent as JSON by `kubectl create --raw`, for one).
 */
function unrecognized(body: Buffer, kind: string, why: string): ApiError {
  return new ApiError('BadRequest', `the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: ${why} (${summarizeBody(body)})`);
}

/** Decodes a request body that must be an object of `kind` (the one the URL names). */
export function decodeObject(body: Buffer, type: string, kind: string): Record<string, unknown> {
  const json = type === 'application/json';
  let v: unknown;
  try {
    v = decodeDocument(body, type);
  } catch (e) {
    // Go's reasons only for bodies its scanner would have read to the end (not those nested too deep).
    const why = json && !nestsTooDeep(body.toString('utf8'), MAX_DEPTH, false) ? goJsonSyntaxError(body) : undefined;
    throw why === undefined ? e : unrecognized(body, kind, why);
  }
  if (json && v !== null && (typeof v !== 'object' || Array.isArray(v))) {
    const what = Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v;
    throw unrecognized(body, kind, `json: cannot unmarshal ${what} into Go value of type ${TYPE_META_STRUCT}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new ApiError('BadRequest', 'Object \'Kind\' is missing in the request body: expected a JSON object');
  }
  const o = v as Record<string, unknown>;
  if (o.metadata !== undefined && (o.metadata === null || typeof o.metadata !== 'object' || Array.isArray(o.metadata))) {
    throw new ApiError('BadRequest', 'metadata: expected an object');
  }
  return o;
}
