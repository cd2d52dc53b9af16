// The cluster's PKI: one CA that signs the serving certificate and every client certificate.
// Kubernetes identifies clients by certificate: CN is the user, O the groups. Keys and certificates
// are made with the openssl command (Node's crypto can make keys but not X.509 certificates); every
// certificate the CA issues goes through signCertificateRequest, the one writer (`openssl ca`, which
// alone of openssl's signers takes exact start and end times, as a CSR's expirationSeconds needs).

import { runChecked } from '../../util/host-command.js';
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  cert: string;
  key: string;
}

export interface Pki {
  dir: string;
  ca: KeyPair;
  serving: KeyPair;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  await runChecked('openssl', args, { cwd });
}

/** x509 key usages and extended key usages by upstream's usage names (those berth's signers issue). */
const KEY_USAGES: Record<string, string> = { 'digital signature': 'digitalSignature', 'key encipherment': 'keyEncipherment' };
const EXTENDED_KEY_USAGES: Record<string, string> = { 'client auth': 'clientAuth', 'server auth': 'serverAuth' };

export interface SigningOptions {
  /** Upstream's usage names: digital signature, key encipherment, client auth, server auth. */
  usages: readonly string[];
  /** The lifetime asked for; never past the CA's own expiry. */
  ttlSeconds: number;
  /** Subject alternative names as openssl writes them: DNS:name, IP:address, email:…, URI:…. */
  sans?: readonly string[];
}

/** Upstream's signer backdates certificates 5 minutes for clock skew, but does not shorten one under 8 hours by it. */
const BACKDATE_MS = 5 * 60_000;
const SHORT_MS = 8 * 3600_000;

const asn1Time = (d: Date): string => d.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * Signs a PEM certificate request with the CA in dir: subject and public key from the request, usages,
 * names and lifetime from opts. Each signing works in its own scratch directory, so signings may run at once.
 */
export async function signCertificateRequest(dir: string, csrPem: string, opts: SigningOptions): Promise<string> {
  const unknown = opts.usages.find((u) => !(u in KEY_USAGES) && !(u in EXTENDED_KEY_USAGES));
  if (unknown !== undefined) throw new Error(`unsupported key usage ${JSON.stringify(unknown)}`);
  // The names go into an openssl config file: nothing that could end or extend the line.
  const badName = (opts.sans ?? []).find((n) => !/^(DNS|IP|email|URI):[^\s,]+$/.test(n));
  if (badName !== undefined) throw new Error(`invalid subjectAltName ${JSON.stringify(badName)}`);
  const now = Date.now();
  const ttl = opts.ttlSeconds * 1000;
  const notBefore = new Date(now - BACKDATE_MS);
  let notAfter = new Date(ttl < SHORT_MS ? now + ttl : notBefore.getTime() + ttl);
  const caExpiry = new Date(new X509Certificate(await readFile(join(dir, 'ca.crt'))).validTo);
  if (notAfter > caExpiry) notAfter = caExpiry;
  const keyUsage = opts.usages.filter((u) => u in KEY_USAGES).map((u) => KEY_USAGES[u]);
  const extendedKeyUsage = opts.usages.filter((u) => u in EXTENDED_KEY_USAGES).map((u) => EXTENDED_KEY_USAGES[u]);
  const work = await mkdtemp(join(tmpdir(), 'berth-sign-'));
  try {
    const ext = [
      'basicConstraints=critical,CA:FALSE',
      ...(keyUsage.length ? [`keyUsage=critical,${keyUsage.join(',')}`] : []),
      ...(extendedKeyUsage.length ? [`extendedKeyUsage=${extendedKeyUsage.join(',')}`] : []),
      ...(opts.sans?.length ? [`subjectAltName=${opts.sans.join(',')}`] : []),
    ];
    // `openssl ca` keeps a database; this one lives and dies with the signing. No policy fields and
    // -preserveDN: the subject is the request's, as it asked.
    const config = ['[ca]', 'default_ca = berth', '[berth]', 'database = index.txt', 'new_certs_dir = .', 'serial = serial', 'policy = any', 'unique_subject = no', 'copy_extensions = none', '[any]', ''];
    await Promise.all([
      writeFile(join(work, 'index.txt'), ''),
      writeFile(join(work, 'ca.cnf'), config.join('\n')),
      writeFile(join(work, 'ext'), ext.join('\n') + '\n'),
      writeFile(join(work, 'req.csr'), csrPem),
    ]);
    await openssl(['ca', '-batch', '-config', 'ca.cnf', '-in', 'req.csr', '-out', 'out.crt', '-cert', join(dir, 'ca.crt'), '-keyfile', join(dir, 'ca.key'),
      '-startdate', asn1Time(notBefore), '-enddate', asn1Time(notAfter), '-extfile', 'ext', '-notext', '-preserveDN', '-md', 'sha256', '-rand_serial'], work);
    return await readFile(join(work, 'out.crt'), 'utf8');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** An openssl -subj: groups as O, the user as CN; `/`, `+` and `\\` escaped, since -subj splits on them. */
function subjectArg(subject: { cn: string; orgs?: readonly string[] }): string {
  const esc = (v: string) => v.replace(/[\\/+]/g, (c) => `\\${c}`);
  return '/' + [...(subject.orgs ?? []).map((o) => `O=${esc(o)}`), `CN=${esc(subject.cn)}`].join('/');
}

/** A new P-256 key in dir/<name>.key and a request for subject in dir/<name>.csr; returns the request. */
async function newKeyAndRequest(dir: string, name: string, subject: { cn: string; orgs?: readonly string[] }, sans: readonly string[] = []): Promise<string> {
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`], dir);
  await chmod(join(dir, `${name}.key`), 0o600);
  const names = sans.length ? ['-addext', `subjectAltName=${sans.join(',')}`] : [];
  await openssl(['req', '-new', '-key', `${name}.key`, '-subj', subjectArg(subject), ...names, '-out', `${name}.csr`], dir);
  return readFile(join(dir, `${name}.csr`), 'utf8');
}

const usagesFor = (usage: 'server' | 'client') => ['digital signature', 'key encipherment', usage === 'server' ? 'server auth' : 'client auth'];

/** Makes a CA-signed key pair in dir/<name>.{crt,key} unless it is already there. */
export async function issueCertificate(
  dir: string,
  name: string,
  subject: { cn: string; orgs?: string[] },
  usage: 'server' | 'client',
  sans: string[] = [],
  days = 3650,
): Promise<KeyPair> {
  const crt = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  if (!existsSync(crt) || !existsSync(key)) {
    const csr = await newKeyAndRequest(dir, name, subject);
    await writeFile(crt, await signCertificateRequest(dir, csr, { usages: usagesFor(usage), ttlSeconds: days * 86400, sans }));
  }
  return { cert: await readFile(crt, 'utf8'), key: await readFile(key, 'utf8') };
}

/** A client key pair for a user, signed by the CA in caDir for ttlSeconds, kept nowhere on disk. */
export async function issueClientIdentity(caDir: string, subject: { cn: string; orgs?: readonly string[] }, ttlSeconds: number): Promise<KeyPair> {
  const work = await mkdtemp(join(tmpdir(), 'berth-user-'));
  try {
    const csr = await newKeyAndRequest(work, 'user', subject);
    const cert = await signCertificateRequest(caDir, csr, { usages: usagesFor('client'), ttlSeconds });
    return { cert, key: await readFile(join(work, 'user.key'), 'utf8') };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Removes dir/<name>.crt when it lacks one of the subject alternative names wanted, so it is issued again. */
async function dropIfMissingNames(dir: string, name: string, sans: string[]): Promise<void> {
  const path = join(dir, `${name}.crt`);
  if (!existsSync(path)) return;
  // Node lists them as "DNS:a, IP Address:1.2.3.4".
  const has = new Set((new X509Certificate(await readFile(path)).subjectAltName ?? '').split(', ').map((s) => s.replace(/^IP Address:/, 'IP:')));
  if (sans.some((s) => !has.has(s))) await rm(path);
}

/** Loads the PKI from dir, creating what is missing (first start, or names the serving certificate lacks). */
export async function ensurePki(dir: string, hostnames: string[], ips: string[]): Promise<Pki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(join(dir, 'ca.crt'))) {
    await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], dir);
    await openssl(['req', '-x509', '-new', '-key', 'ca.key', '-subj', '/CN=berth-ca', '-days', '3650', '-sha256', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature', '-out', 'ca.crt'], dir);
    await chmod(join(dir, 'ca.key'), 0o600);
  }
  // The names in-cluster clients use for the API server (its Service's), beside the host's own.
  const names = ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', ...hostnames];
  const sans = [...new Set(names)].map((h) => `DNS:${h}`).concat([...new Set(['127.0.0.1', ...ips])].map((i) => `IP:${i}`));
  const ca = { cert: await readFile(join(dir, 'ca.crt'), 'utf8'), key: await readFile(join(dir, 'ca.key'), 'utf8') };
  await dropIfMissingNames(dir, 'serving', sans);
  const serving = await issueCertificate(dir, 'serving', { cn: 'berth-apiserver' }, 'server', sans);
  return { dir, ca, serving };
}
