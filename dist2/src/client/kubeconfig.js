// Reads a kubeconfig into what a connection needs: the server URL, the CA, a client certificate and
// key (mTLS) or a bearer token. Inline *-data fields are base64; file paths are relative to the
// kubeconfig's own folder, as kubectl resolves them.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
/** Loads the file and resolves the named context (default: current-context). */
export async function loadKubeconfig(path, context) {
    const text = await readFile(path, 'utf8');
    return parseKubeconfig(text, dirname(resolve(path)), context);
}
export async function parseKubeconfig(text, baseDir, contextName) {
    const doc = (parse(text) ?? {});
    const ctxName = contextName ?? doc['current-context'];
    const ctx = pick(doc.contexts, ctxName, 'context')?.context;
    if (!ctx)
        throw new Error(`kubeconfig: context "${ctxName ?? ''}" not found`);
    const cluster = pick(doc.clusters, ctx.cluster, 'cluster')?.cluster;
    if (!cluster?.server)
        throw new Error(`kubeconfig: cluster "${ctx.cluster ?? ''}" has no server`);
    const user = pick(doc.users, ctx.user, 'user')?.user ?? {};
    const material = async (data, file) => {
        if (data)
            return Buffer.from(data, 'base64');
        if (file)
            return readFile(resolve(baseDir, file));
        return undefined;
    };
    const out = { server: cluster.server.replace(/\/+$/, '') };
    const ca = await material(cluster['certificate-authority-data'], cluster['certificate-authority']);
    const cert = await material(user['client-certificate-data'], user['client-certificate']);
    const key = await material(user['client-key-data'], user['client-key']);
    const token = user.token ?? (user.tokenFile ? (await readFile(resolve(baseDir, user.tokenFile), 'utf8')).trim() : undefined);
    if (ca)
        out.ca = ca;
    if (cert)
        out.cert = cert;
    if (key)
        out.key = key;
    if (token)
        out.token = token;
    if (cluster['insecure-skip-tls-verify'])
        out.insecureSkipTLSVerify = true;
    return out;
}
function pick(list, name, what) {
    if (!list?.length)
        return undefined;
    if (name === undefined)
        return list.length === 1 ? list[0] : undefined;
    const found = list.find((e) => e.name === name);
    if (!found)
        throw new Error(`kubeconfig: ${what} "${name}" not found`);
    return found;
}
//# sourceMappingURL=kubeconfig.js.map