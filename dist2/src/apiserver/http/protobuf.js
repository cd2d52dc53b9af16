// Request bodies in Kubernetes' protobuf encoding (`application/vnd.kubernetes.protobuf`), which
// kubectl's typed clients send for `create namespace|configmap|secret|serviceaccount` and for
// delete/eviction options. Such a body is the 4 bytes `k8s\0` followed by a runtime.Unknown
// envelope: the typeMeta (apiVersion, kind), the object itself as protobuf in `raw`, and an
// encoding/content type that are empty for plain protobuf.
//
// The message definitions below are written here from the field numbers of the upstream
// generated.proto files (k8s.io/api core/v1, coordination/v1, events/v1, policy/v1, and
// k8s.io/apimachinery meta/v1); Pods, Nodes, Deployments and ReplicaSets, whose messages are many,
// come from ./protobuf-workloads.ts, storage and ingress kinds from ./protobuf-storage.ts. A body with
// a field no definition names is refused rather than decoded without it. Decoded messages are turned
// into the JSON shape a JSON client would have sent: Time as RFC 3339 seconds, MicroTime with
// microseconds, bytes as base64, FieldsV1 and RawExtension as their JSON, and fields left at their zero
// value omitted unless the Go field is a pointer (then zero was meant).
import protobuf from 'protobufjs';
import { ApiError } from '../../api/errors.js';
import { INLINE_FIELDS, WORKLOAD_POINTER_FIELDS, WORKLOAD_PROTO } from './protobuf-workloads.js';
import { SERVICE_POINTER_FIELDS, SERVICE_PROTO } from './protobuf-services.js';
import { BATCH_POINTER_FIELDS, BATCH_PROTO } from './protobuf-batch.js';
import { RBAC_KINDS, RBAC_PROTO } from './protobuf-rbac.js';
import { QUOTA_KINDS, QUOTA_PROTO } from './protobuf-quota.js';
import { STORAGE_INLINE_FIELDS, STORAGE_KINDS, STORAGE_POINTER_FIELDS, STORAGE_PROTO } from './protobuf-storage.js';
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';
/** The 4-byte prefix of every Kubernetes protobuf object. */
export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
const PROTO = `
syntax = "proto2";
package berth;

message TypeMeta {
  optional string apiVersion = 1;
  optional string kind = 2;
}
message Unknown {
  optional TypeMeta typeMeta = 1;
  optional bytes raw = 2;
  optional string contentEncoding = 3;
  optional string contentType = 4;
}

message Time {
  optional int64 seconds = 1;
  optional int32 nanos = 2;
}
message MicroTime {
  optional int64 seconds = 1;
  optional int32 nanos = 2;
}
message FieldsV1 {
  optional bytes Raw = 1;
}
message OwnerReference {
  optional string kind = 1;
  optional string name = 3;
  optional string uid = 4;
  optional string apiVersion = 5;
  optional bool controller = 6;
  optional bool blockOwnerDeletion = 7;
}
message ManagedFieldsEntry {
  optional string manager = 1;
  optional string operation = 2;
  optional string apiVersion = 3;
  optional Time time = 4;
  optional string fieldsType = 6;
  optional FieldsV1 fieldsV1 = 7;
  optional string subresource = 8;
}
message ObjectMeta {
  optional string name = 1;
  optional string generateName = 2;
  optional string namespace = 3;
  optional string selfLink = 4;
  optional string uid = 5;
  optional string resourceVersion = 6;
  optional int64 generation = 7;
  optional Time creationTimestamp = 8;
  optional Time deletionTimestamp = 9;
  optional int64 deletionGracePeriodSeconds = 10;
  map<string, string> labels = 11;
  map<string, string> annotations = 12;
  repeated OwnerReference ownerReferences = 13;
  repeated string finalizers = 14;
  repeated ManagedFieldsEntry managedFields = 17;
}
message Preconditions {
  optional string uid = 1;
  optional string resourceVersion = 2;
}
message DeleteOptions {
  optional int64 gracePeriodSeconds = 1;
  optional Preconditions preconditions = 2;
  optional bool orphanDependents = 3;
  optional string propagationPolicy = 4;
  repeated string dryRun = 5;
  optional bool ignoreStoreReadErrorWithClusterBreakingPotential = 6;
}

message ObjectReference {
  optional string kind = 1;
  optional string namespace = 2;
  optional string name = 3;
  optional string uid = 4;
  optional string apiVersion = 5;
  optional string resourceVersion = 6;
  optional string fieldPath = 7;
}

message NamespaceSpec {
  repeated string finalizers = 1;
}
message NamespaceCondition {
  optional string type = 1;
  optional string status = 2;
  optional Time lastTransitionTime = 4;
  optional string reason = 5;
  optional string message = 6;
}
message NamespaceStatus {
  optional string phase = 1;
  repeated NamespaceCondition conditions = 2;
}
message Namespace {
  optional ObjectMeta metadata = 1;
  optional NamespaceSpec spec = 2;
  optional NamespaceStatus status = 3;
}

message ConfigMap {
  optional ObjectMeta metadata = 1;
  map<string, string> data = 2;
  map<string, bytes> binaryData = 3;
  optional bool immutable = 4;
}

message Secret {
  optional ObjectMeta metadata = 1;
  map<string, bytes> data = 2;
  optional string type = 3;
  map<string, string> stringData = 4;
  optional bool immutable = 5;
}

message ServiceAccount {
  optional ObjectMeta metadata = 1;
  repeated ObjectReference secrets = 2;
  repeated LocalObjectReference imagePullSecrets = 3;
  optional bool automountServiceAccountToken = 4;
}

message EventSource {
  optional string component = 1;
  optional string host = 2;
}
message EventSeries {
  optional int32 count = 1;
  optional MicroTime lastObservedTime = 2;
}
message Event {
  optional ObjectMeta metadata = 1;
  optional ObjectReference involvedObject = 2;
  optional string reason = 3;
  optional string message = 4;
  optional EventSource source = 5;
  optional Time firstTimestamp = 6;
  optional Time lastTimestamp = 7;
  optional int32 count = 8;
  optional string type = 9;
  optional MicroTime eventTime = 10;
  optional EventSeries series = 11;
  optional string action = 12;
  optional ObjectReference related = 13;
  optional string reportingComponent = 14;
  optional string reportingInstance = 15;
}
message EventsV1Event {
  optional ObjectMeta metadata = 1;
  optional MicroTime eventTime = 2;
  optional EventSeries series = 3;
  optional string reportingController = 4;
  optional string reportingInstance = 5;
  optional string action = 6;
  optional string reason = 7;
  optional ObjectReference regarding = 8;
  optional ObjectReference related = 9;
  optional string note = 10;
  optional string type = 11;
  optional EventSource deprecatedSource = 12;
  optional Time deprecatedFirstTimestamp = 13;
  optional Time deprecatedLastTimestamp = 14;
  optional int32 deprecatedCount = 15;
}

message LeaseSpec {
  optional string holderIdentity = 1;
  optional int32 leaseDurationSeconds = 2;
  optional MicroTime acquireTime = 3;
  optional MicroTime renewTime = 4;
  optional int32 leaseTransitions = 5;
  optional string strategy = 6;
  optional string preferredHolder = 7;
}
message Lease {
  optional ObjectMeta metadata = 1;
  optional LeaseSpec spec = 2;
}

message Eviction {
  optional ObjectMeta metadata = 1;
  optional DeleteOptions deleteOptions = 2;
}

message LabelSelectorRequirement {
  optional string key = 1;
  optional string operator = 2;
  repeated string values = 3;
}
message LabelSelector {
  map<string, string> matchLabels = 1;
  repeated LabelSelectorRequirement matchExpressions = 2;
}
message IntOrString {
  optional int64 type = 1;
  optional int32 intVal = 2;
  optional string strVal = 3;
}
message Quantity {
  optional string string = 1;
}

message PodDisruptionBudget {
  optional ObjectMeta metadata = 1;
  optional PodDisruptionBudgetSpec spec = 2;
  optional PodDisruptionBudgetStatus status = 3;
}
message PodDisruptionBudgetSpec {
  optional IntOrString minAvailable = 1;
  optional LabelSelector selector = 2;
  optional IntOrString maxUnavailable = 3;
  optional string unhealthyPodEvictionPolicy = 4;
}
message PodDisruptionBudgetStatus {
  optional int64 observedGeneration = 1;
  map<string, Time> disruptedPods = 2;
  optional int32 disruptionsAllowed = 3;
  optional int32 currentHealthy = 4;
  optional int32 desiredHealthy = 5;
  optional int32 expectedPods = 6;
  repeated Condition conditions = 7;
}
message Condition {
  optional string type = 1;
  optional string status = 2;
  optional int64 observedGeneration = 3;
  optional Time lastTransitionTime = 4;
  optional string reason = 5;
  optional string message = 6;
}
message PriorityClass {
  optional ObjectMeta metadata = 1;
  optional int32 value = 2;
  optional bool globalDefault = 3;
  optional string description = 4;
  optional string preemptionPolicy = 5;
}
message BoundObjectReference {
  optional string kind = 1;
  optional string apiVersion = 2;
  optional string name = 3;
  optional string uid = 4;
}
message TokenRequestSpec {
  repeated string audiences = 1;
  optional BoundObjectReference boundObjectRef = 3;
  optional int64 expirationSeconds = 4;
}
message TokenRequestStatus {
  optional string token = 1;
  optional Time expirationTimestamp = 2;
}
message TokenRequest {
  optional ObjectMeta metadata = 1;
  optional TokenRequestSpec spec = 2;
  optional TokenRequestStatus status = 3;
}
message TokenReviewSpec {
  optional string token = 1;
  repeated string audiences = 2;
}
message TokenReviewStatus {
  optional bool authenticated = 1;
  optional string error = 3;
  repeated string audiences = 4;
}
message TokenReview {
  optional ObjectMeta metadata = 1;
  optional TokenReviewSpec spec = 2;
  optional TokenReviewStatus status = 3;
}
message CertificateSigningRequestSpec {
  optional bytes request = 1;
  optional string username = 2;
  optional string uid = 3;
  repeated string groups = 4;
  repeated string usages = 5;
  optional string signerName = 7;
  optional int32 expirationSeconds = 8;
}
message CertificateSigningRequestCondition {
  optional string type = 1;
  optional string reason = 2;
  optional string message = 3;
  optional Time lastUpdateTime = 4;
  optional Time lastTransitionTime = 5;
  optional string status = 6;
}
message CertificateSigningRequestStatus {
  repeated CertificateSigningRequestCondition conditions = 1;
  optional bytes certificate = 2;
}
message CertificateSigningRequest {
  optional ObjectMeta metadata = 1;
  optional CertificateSigningRequestSpec spec = 2;
  optional CertificateSigningRequestStatus status = 3;
}
message UserInfo {
  optional string username = 1;
  optional string uid = 2;
  repeated string groups = 3;
}
message SelfSubjectReviewStatus {
  optional UserInfo userInfo = 1;
}
message SelfSubjectReview {
  optional ObjectMeta metadata = 1;
  optional SelfSubjectReviewStatus status = 2;
}


`;
const root = protobuf.parse(PROTO + WORKLOAD_PROTO + SERVICE_PROTO + BATCH_PROTO + RBAC_PROTO + QUOTA_PROTO + STORAGE_PROTO, { keepCase: true }).root;
const type = (name) => root.lookupType(`berth.${name}`);
const UNKNOWN = type('Unknown');
/** Message type per `group/kind` (core group is the empty string). */
const KINDS = {
    '/Namespace': 'Namespace',
    '/ConfigMap': 'ConfigMap',
    '/Secret': 'Secret',
    '/ServiceAccount': 'ServiceAccount',
    '/Event': 'Event',
    'events.k8s.io/Event': 'EventsV1Event',
    'coordination.k8s.io/Lease': 'Lease',
    'policy/Eviction': 'Eviction',
    '/Pod': 'Pod',
    '/Node': 'Node',
    'apps/Deployment': 'Deployment',
    'apps/ReplicaSet': 'ReplicaSet',
    'apps/DaemonSet': 'DaemonSet',
    'apps/StatefulSet': 'StatefulSet',
    '/Service': 'Service',
    'batch/Job': 'Job',
    'batch/CronJob': 'CronJob',
    'policy/PodDisruptionBudget': 'PodDisruptionBudget',
    'scheduling.k8s.io/PriorityClass': 'PriorityClass',
    'authentication.k8s.io/TokenRequest': 'TokenRequest',
    'authentication.k8s.io/TokenReview': 'TokenReview',
    'certificates.k8s.io/CertificateSigningRequest': 'CertificateSigningRequest',
    'authentication.k8s.io/SelfSubjectReview': 'SelfSubjectReview',
    // DeleteOptions is sent as meta.k8s.io/v1 or under the resource's own group version.
    '*/DeleteOptions': 'DeleteOptions',
    ...RBAC_KINDS,
    ...QUOTA_KINDS,
    ...STORAGE_KINDS,
};
/**
 * Fields that are pointers in Go: present on the wire only when set, so a zero value was meant
 * and is kept. Other scalar fields are written by Go even when empty, and are dropped at zero
 * like JSON's omitempty would.
 */
const POINTER_FIELDS = new Set([
    'OwnerReference.controller',
    'OwnerReference.blockOwnerDeletion',
    'DeleteOptions.orphanDependents',
    'DeleteOptions.ignoreStoreReadErrorWithClusterBreakingPotential',
    'ConfigMap.immutable',
    'Secret.immutable',
    'ServiceAccount.automountServiceAccountToken',
    'TokenRequestSpec.expirationSeconds',
    'ObjectMeta.deletionGracePeriodSeconds',
    'DeleteOptions.gracePeriodSeconds',
    'DeleteOptions.propagationPolicy',
    'Preconditions.uid',
    'Preconditions.resourceVersion',
    'LeaseSpec.holderIdentity',
    'LeaseSpec.leaseDurationSeconds',
    'LeaseSpec.leaseTransitions',
    'LeaseSpec.strategy',
    'LeaseSpec.preferredHolder',
    'EventSeries.count',
    'PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy',
    'PriorityClass.value',
    'PriorityClass.preemptionPolicy',
    'CertificateSigningRequestSpec.expirationSeconds',
    ...WORKLOAD_POINTER_FIELDS,
    ...SERVICE_POINTER_FIELDS,
    ...BATCH_POINTER_FIELDS,
    ...STORAGE_POINTER_FIELDS,
]);
const INLINE = new Set([...INLINE_FIELDS, ...STORAGE_INLINE_FIELDS]);
function groupOf(apiVersion) {
    const slash = apiVersion.indexOf('/');
    return slash < 0 ? '' : apiVersion.slice(0, slash);
}
/** The message type for an apiVersion/kind, or undefined when berth cannot decode it. */
export function protobufTypeFor(apiVersion, kind) {
    const name = KINDS[`${groupOf(apiVersion)}/${kind}`] ?? KINDS[`*/${kind}`];
    return name ? type(name) : undefined;
}
/** Decodes a `k8s\0`-prefixed protobuf body into the JSON object a JSON client would send. */
export function decodeProtobufObject(body) {
    if (body.length === 0)
        throw new ApiError('BadRequest', 'the body of the request was empty');
    if (body.length < PROTOBUF_MAGIC.length || !body.subarray(0, PROTOBUF_MAGIC.length).equals(PROTOBUF_MAGIC)) {
        throw new ApiError('BadRequest', 'error decoding protobuf: provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
    }
    let envelope;
    try {
        envelope = UNKNOWN.decode(body.subarray(PROTOBUF_MAGIC.length));
    }
    catch (e) {
        throw new ApiError('BadRequest', `error decoding protobuf: ${e.message}`);
    }
    const apiVersion = envelope.typeMeta?.apiVersion ?? '';
    const kind = envelope.typeMeta?.kind ?? '';
    if (!kind)
        throw new ApiError('BadRequest', 'Object \'Kind\' is missing in the protobuf request body');
    if (envelope.contentEncoding) {
        throw new ApiError('UnsupportedMediaType', `error decoding protobuf: unsupported content encoding ${JSON.stringify(envelope.contentEncoding)}`);
    }
    if (envelope.contentType && envelope.contentType !== PROTOBUF_MEDIA_TYPE) {
        throw new ApiError('UnsupportedMediaType', `error decoding protobuf: unsupported content type ${JSON.stringify(envelope.contentType)} in the envelope`);
    }
    const t = protobufTypeFor(apiVersion, kind);
    if (!t) {
        throw new ApiError('UnsupportedMediaType', `the protobuf encoding of ${apiVersion ? `${apiVersion}, ` : ''}Kind=${kind} is not supported by this server; send application/json`);
    }
    let message;
    const raw = envelope.raw ?? new Uint8Array(0);
    try {
        message = t.decode(raw);
    }
    catch (e) {
        throw new ApiError('BadRequest', `error decoding protobuf ${kind}: ${e.message}`);
    }
    const unknown = unknownField(t, raw);
    if (unknown) {
        throw new ApiError('UnsupportedMediaType', `the protobuf encoding of ${apiVersion ? `${apiVersion}, ` : ''}Kind=${kind} carries a field this server does not decode from protobuf (${unknown}); send application/json`);
    }
    return { apiVersion, kind, ...messageToJson(message, t) };
}
/**
 * The first field in the wire bytes that t does not declare (as `PodSpec.43`), if any: protobufjs skips
 * such fields silently, and a field skipped would be a field ignored.
 */
function unknownField(t, bytes) {
    const r = protobuf.Reader.create(bytes);
    while (r.pos < r.len) {
        const tag = r.uint32();
        const field = t.fieldsById[tag >>> 3];
        if (!field)
            return `${t.name}.${tag >>> 3}`;
        field.resolve();
        const rt = field.resolvedType;
        if (!(rt instanceof protobuf.Type) || (tag & 7) !== 2) {
            r.skipType(tag & 7);
            continue;
        }
        const inner = r.bytes();
        if (field instanceof protobuf.MapField) {
            // A map entry: key 1, value 2 (the message).
            const e = protobuf.Reader.create(inner);
            while (e.pos < e.len) {
                const et = e.uint32();
                if ((et >>> 3) === 2 && (et & 7) === 2) {
                    const found = unknownField(rt, e.bytes());
                    if (found)
                        return found;
                }
                else
                    e.skipType(et & 7);
            }
            continue;
        }
        const found = unknownField(rt, inner);
        if (found)
            return found;
    }
    return undefined;
}
/* ---- message → JSON ---- */
function toNumber(v) {
    if (typeof v === 'number')
        return v;
    if (v !== null && typeof v === 'object' && 'low' in v && 'high' in v) {
        return protobuf.util.LongBits.from(v).toNumber(v.unsigned);
    }
    return Number(v);
}
function base64(v) {
    return Buffer.from(v).toString('base64');
}
/** Seconds since the epoch → `2006-01-02T15:04:05Z`, or with microseconds for MicroTime. */
function timeToJson(msg, micro) {
    const seconds = msg.seconds === undefined || msg.seconds === null ? 0 : toNumber(msg.seconds);
    const nanos = msg.nanos === undefined || msg.nanos === null ? 0 : toNumber(msg.nanos);
    if (seconds === 0 && nanos === 0)
        return undefined; // Go writes the zero Time as an empty message.
    const iso = new Date(seconds * 1000).toISOString(); // …T15:04:05.000Z
    if (!micro)
        return `${iso.slice(0, 19)}Z`;
    return `${iso.slice(0, 19)}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}
function scalarToJson(field, v) {
    switch (field.type) {
        case 'bytes':
            return base64(v);
        case 'int64':
        case 'uint64':
        case 'sint64':
        case 'fixed64':
        case 'sfixed64':
            return toNumber(v);
        default:
            return v;
    }
}
function isZero(v) {
    return v === '' || v === 0 || v === false || (v instanceof Uint8Array && v.length === 0);
}
/** Bytes holding JSON, parsed (undefined when empty). */
function embeddedJson(raw, what) {
    if (!(raw instanceof Uint8Array) || raw.length === 0)
        return undefined;
    try {
        return JSON.parse(Buffer.from(raw).toString('utf8'));
    }
    catch {
        throw new ApiError('BadRequest', `error decoding protobuf: ${what} is not valid JSON`);
    }
}
/** A field's value as JSON, or undefined to omit it. */
function valueToJson(field, v) {
    const rt = field.resolvedType;
    if (rt instanceof protobuf.Type) {
        const m = v;
        if (rt.name === 'Time' || rt.name === 'MicroTime')
            return timeToJson(m, rt.name === 'MicroTime');
        if (rt.name === 'Quantity')
            return m.string;
        if (rt.name === 'IntOrString')
            return toNumber(m.type ?? 0) === 1 ? m.strVal : (m.intVal ?? 0);
        // Bytes that hold JSON: an embedded object (RawExtension, JSON from every Go client) and fieldsV1.
        if (rt.name === 'RawExtension')
            return embeddedJson(m.raw, 'a RawExtension');
        if (rt.name === 'FieldsV1')
            return embeddedJson(m.Raw, 'fieldsV1');
        return messageToJson(m, rt);
    }
    return scalarToJson(field, v);
}
function messageToJson(msg, t) {
    const out = {};
    for (const field of t.fieldsArray) {
        field.resolve();
        if (!Object.prototype.hasOwnProperty.call(msg, field.name))
            continue;
        const v = msg[field.name];
        if (v === undefined || v === null)
            continue;
        if (field instanceof protobuf.MapField) {
            const entries = Object.entries(v);
            if (entries.length === 0)
                continue;
            const m = {};
            for (const [k, item] of entries)
                m[k] = item instanceof Uint8Array ? base64(item) : field.resolvedType ? valueToJson(field, item) : item;
            out[field.name] = m;
            continue;
        }
        if (field.repeated) {
            const items = v.map((item) => valueToJson(field, item)).filter((item) => item !== undefined);
            if (items.length > 0)
                out[field.name] = items;
            continue;
        }
        const json = valueToJson(field, v);
        if (json === undefined)
            continue;
        if (INLINE.has(`${t.name}.${field.name}`)) {
            Object.assign(out, json);
            continue;
        }
        if (!POINTER_FIELDS.has(`${t.name}.${field.name}`) && isZero(json))
            continue;
        out[field.name] = json;
    }
    return out;
}
//# sourceMappingURL=protobuf.js.map