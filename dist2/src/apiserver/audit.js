// The audit log (`berth server --audit-log PATH`): one audit.k8s.io/v1 Event per request, as JSON on
// one line, at the Metadata level (who, what, on which object, and the answer, never the bodies), written
// when the response is complete. Lines go to an append stream, so a request never waits on the disk.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { apiVersionOf } from '../api/schema/resources.js';
import { microTime, preciseNow } from '../api/time.js';
import { requestAttributes } from './auth/attributes.js';
import { parseResourcePath } from './http/route.js';
function userOf(u) {
    return { username: u.name, ...(u.uid ? { uid: u.uid } : {}), groups: u.groups, ...(u.extra ? { extra: u.extra } : {}) };
}
/** Verbs of requests that name no resource: the method, lower-cased, as upstream's RequestInfo gives them. */
function nonResourceVerb(method) {
    return method === 'HEAD' ? 'get' : method.toLowerCase();
}
function objectRef(a) {
    const r = a.resource;
    return {
        resource: r.plural,
        ...(a.namespace ? { namespace: a.namespace } : {}),
        ...(a.name ? { name: a.name } : {}),
        ...(r.group ? { apiGroup: r.group } : {}),
        apiVersion: r.group ? r.version : apiVersionOf(r),
        ...(a.subresource ? { subresource: a.subresource } : {}),
    };
}
/** The address the request came from: the socket's, IPv4 without its IPv6 mapping. */
function sourceIP(req) {
    return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}
/**
 * Notes what the request asks to do, read from its URL as early as upstream's RequestInfo reads it,
 * so that requests refused before routing (impersonation) still name their verb and object.
 */
export function describeRequest(record, method, path, query) {
    try {
        const route = parseResourcePath(path);
        if (route)
            record.attributes = { ...requestAttributes(method, route, query), resource: route.resource };
    }
    catch {
        // Not a resource path the API serves: recorded by its method and URI alone.
    }
}
export class AuditLog {
    #out;
    #records = new WeakMap();
    constructor(path) {
        this.#out = createWriteStream(path, { flags: 'a', mode: 0o600 });
        // A full disk must not end the server: report once and keep serving.
        this.#out.once('error', (e) => process.stderr.write(`berth apiserver: audit log ${path}: ${e.message}\n`));
    }
    /** Starts the record of one request; its event is written when the response ends. */
    begin(req, res) {
        const record = { auditID: randomUUID(), received: preciseNow(), sourceIP: sourceIP(req) };
        this.#records.set(res, record);
        // As kube-apiserver, the answer names its audit event.
        res.setHeader('Audit-Id', record.auditID);
        res.once('close', () => this.#write(req, record, res.statusCode));
        return record;
    }
    /** Starts the record of an upgrade (exec, attach, port-forward): 101 unless refused, written when the stream ends. */
    beginUpgrade(req, socket) {
        const record = { auditID: randomUUID(), received: preciseNow(), sourceIP: sourceIP(req) };
        socket.once('close', () => this.#write(req, record, record.status?.code ?? 101));
        return record;
    }
    /** The record of the request res answers, when it has one. */
    recordOf(res) {
        return this.#records.get(res);
    }
    #write(req, r, code) {
        if (!this.#out.writable)
            return;
        const verb = r.attributes?.verb ?? nonResourceVerb(req.method ?? 'GET');
        const status = r.status;
        const event = {
            kind: 'Event',
            apiVersion: 'audit.k8s.io/v1',
            level: 'Metadata',
            auditID: r.auditID,
            stage: 'ResponseComplete',
            requestURI: req.url ?? '/',
            verb,
            user: r.user ? userOf(r.user) : {},
            ...(r.impersonatedUser ? { impersonatedUser: userOf(r.impersonatedUser) } : {}),
            sourceIPs: [r.sourceIP],
            ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
            ...(r.attributes ? { objectRef: objectRef(r.attributes) } : {}),
            responseStatus: status
                ? { metadata: {}, status: status.status, message: status.message, reason: status.reason, code: status.code }
                : { metadata: {}, code },
            ...(r.annotations && Object.keys(r.annotations).length ? { annotations: r.annotations } : {}),
            requestReceivedTimestamp: microTime(r.received),
            stageTimestamp: microTime(preciseNow()),
        };
        this.#out.write(JSON.stringify(event) + '\n');
    }
    close() {
        return new Promise((resolve) => this.#out.end(resolve));
    }
}
//# sourceMappingURL=audit.js.map