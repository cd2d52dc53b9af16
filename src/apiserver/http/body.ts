// Reading and decoding request bodies: JSON or YAML, never more than 3 MiB (Kubernetes' limit).

import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError } from '../../api/errors.js';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new ApiError('RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError('RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? 'application/json').split(';')[0].trim().toLowerCase();
}

/** Decodes a JSON or YAML document into a value; malformed input is a 400 naming the problem. */
export function decodeDocument(body: Buffer, type: string): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') throw new ApiError('BadRequest', 'the body of the request was empty');
  try {
    if (type.includes('yaml')) return parseYaml(text, { schema: 'core', uniqueKeys: true });
    return JSON.parse(text);
  } catch (e) {
    const what = type.includes('yaml') ? 'yaml' : 'json';
    throw new ApiError('BadRequest', `error decoding ${what}: ${(e as Error).message.split('\n')[0]}`);
  }
}

export function decodeObject(body: Buffer, type: string): Record<string, unknown> {
  const v = decodeDocument(body, type);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new ApiError('BadRequest', 'Object \'Kind\' is missing in the request body: expected a JSON object');
  }
  const o = v as Record<string, unknown>;
  if (o.metadata !== undefined && (o.metadata === null || typeof o.metadata !== 'object' || Array.isArray(o.metadata))) {
    throw new ApiError('BadRequest', 'metadata: expected an object');
  }
  return o;
}
