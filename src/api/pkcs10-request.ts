// PKCS#10 requests made in this process: a new P-256 key from node:crypto and the DER of a request
// for it (subject O=…/CN=…, subject alternative names in an extensionRequest, ECDSA-SHA256), where
// spawning openssl twice per key took seconds on a busy host. pkcs10.ts reads what this writes.

import { generateKeyPair, sign } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...body: Buffer[]): Buffer => {
  const b = Buffer.concat(body);
  return Buffer.concat([Buffer.from([tag]), len(b.length), b]);
};
const seq = (...b: Buffer[]) => tlv(0x30, ...b);
const set = (...b: Buffer[]) => tlv(0x31, ...b);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a! + b!];
  for (const n of rest) {
    const groups = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) groups.unshift(0x80 | (v & 0x7f));
    out.push(...groups);
  }
  return tlv(0x06, Buffer.from(out));
}

const ORGANIZATION = '2.5.4.10';
const COMMON_NAME = '2.5.4.3';
const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
const SUBJECT_ALT_NAME = '2.5.29.17';
const ECDSA_SHA256 = '1.2.840.10045.4.3.2';

const attribute = (type: string, value: string) => set(seq(oid(type), tlv(0x0c, Buffer.from(value, 'utf8'))));

function ipBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  if (!isIPv6(ip)) throw new Error(`${ip} is not an IP address`);
  const [head, tail = ''] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const words = (s: string | undefined) => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
  const h = words(head);
  const t = words(tail);
  const all = [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return Buffer.from(all.flatMap((w) => [w >> 8, w & 0xff]));
}

/** GeneralNames from openssl-style names (DNS:x, IP:y). */
function generalNames(sans: readonly string[]): Buffer {
  return seq(...sans.map((s) => {
    const [kind, value = ''] = [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)];
    if (kind === 'DNS') return tlv(0x82, Buffer.from(value, 'ascii'));
    if (kind === 'IP') return tlv(0x87, ipBytes(value));
    throw new Error(`unsupported subject alternative name ${s}`);
  }));
}

/** A new P-256 key (SEC1 PEM, as openssl ecparam writes it) and a PEM request for subject and sans. */
export async function newKeyRequest(subject: { cn: string; orgs?: readonly string[] }, sans: readonly string[] = []): Promise<{ key: string; request: string }> {
  const { publicKey, privateKey } = await generate('ec', { namedCurve: 'prime256v1' });
  const name = seq(...(subject.orgs ?? []).map((o) => attribute(ORGANIZATION, o)), attribute(COMMON_NAME, subject.cn));
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const attributes = sans.length
    ? tlv(0xa0, seq(oid(EXTENSION_REQUEST), set(seq(seq(oid(SUBJECT_ALT_NAME), tlv(0x04, generalNames(sans)))))))
    : tlv(0xa0);
  const info = seq(tlv(0x02, Buffer.from([0])), name, spki, attributes);
  const signature = sign('sha256', info, privateKey);
  const der = seq(info, seq(oid(ECDSA_SHA256)), tlv(0x03, Buffer.from([0]), signature));
  const b64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return {
    key: privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
    request: `-----BEGIN CERTIFICATE REQUEST-----\n${b64}-----END CERTIFICATE REQUEST-----\n`,
  };
}
