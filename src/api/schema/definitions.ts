// The schemas of the served kinds, derived once from @kubernetes/client-node's generated models: field
// names and types from each model's attributeTypeMap, descriptions from the doc comments of its .d.ts,
// and list merge rules from patch-meta.ts. Everything that needs a schema (strict field validation,
// strategic merge patch, server-side apply, OpenAPI v2/v3, explain) reads it from here.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { RESOURCES, type ResourceInfo } from './resources.js';
import { listMeta, objectPatchStrategy } from './patch-meta.js';

/** A schema in the OpenAPI v2 shape. `ref` names another definition (rendered as `$ref` per format). */
export interface Schema {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  format?: string;
  description?: string;
  ref?: string;
  items?: Schema;
  additionalProperties?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

interface Attribute { name: string; baseName: string; type: string; format: string }

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const META_TYPES = new Set(['ObjectMeta', 'FieldSelectorRequirement', 'ListMeta', 'ManagedFieldsEntry', 'OwnerReference', 'LabelSelector', 'LabelSelectorRequirement', 'Status', 'StatusDetails', 'StatusCause', 'DeleteOptions', 'Preconditions', 'Condition', 'WatchEvent']);
const GROUP_PACKAGE: Record<string, string> = { coordination: 'coordination', events: 'events', policy: 'policy' };
const APPS_CLASSES = ['Deployment', 'DeploymentList', 'DeploymentSpec', 'DeploymentStatus', 'DeploymentStrategy', 'DeploymentCondition', 'RollingUpdateDeployment', 'ReplicaSet', 'ReplicaSetList', 'ReplicaSetSpec', 'ReplicaSetStatus', 'ReplicaSetCondition'];
const APPS_SET_CLASSES = ['DaemonSet', 'DaemonSetList', 'DaemonSetSpec', 'DaemonSetStatus', 'DaemonSetUpdateStrategy', 'DaemonSetCondition', 'RollingUpdateDaemonSet', 'StatefulSet', 'StatefulSetList', 'StatefulSetSpec', 'StatefulSetStatus', 'StatefulSetUpdateStrategy', 'StatefulSetCondition', 'RollingUpdateStatefulSetStrategy', 'StatefulSetOrdinals', 'StatefulSetPersistentVolumeClaimRetentionPolicy', 'ControllerRevision', 'ControllerRevisionList'];
const NETWORKING_CLASSES = ['NetworkPolicy', 'NetworkPolicyList', 'NetworkPolicySpec', 'NetworkPolicyIngressRule', 'NetworkPolicyEgressRule', 'NetworkPolicyPeer', 'NetworkPolicyPort', 'IPBlock'];
const INGRESS_CLASSES = ['Ingress', 'IngressList', 'IngressSpec', 'IngressStatus', 'IngressRule', 'IngressBackend', 'IngressServiceBackend', 'ServiceBackendPort', 'HTTPIngressRuleValue', 'HTTPIngressPath', 'IngressTLS', 'IngressLoadBalancerStatus', 'IngressLoadBalancerIngress', 'IngressPortStatus', 'IngressClass', 'IngressClassList', 'IngressClassSpec', 'IngressClassParametersReference'];
const DISCOVERY_CLASSES = ['EndpointSlice', 'EndpointSliceList', 'Endpoint', 'EndpointConditions', 'EndpointHints', 'ForZone', 'ForNode'];
const BATCH_CLASSES = ['Job', 'JobList', 'JobSpec', 'JobStatus', 'JobCondition', 'JobTemplateSpec', 'CronJob', 'CronJobList', 'CronJobSpec', 'CronJobStatus', 'PodFailurePolicy', 'PodFailurePolicyRule', 'PodFailurePolicyOnExitCodesRequirement', 'PodFailurePolicyOnPodConditionsPattern', 'SuccessPolicy', 'SuccessPolicyRule', 'UncountedTerminatedPods'];
const APIEXTENSIONS_CLASSES = [
  'CustomResourceDefinition', 'CustomResourceDefinitionList', 'CustomResourceDefinitionSpec', 'CustomResourceDefinitionStatus', 'CustomResourceDefinitionNames',
  'CustomResourceDefinitionVersion', 'CustomResourceDefinitionCondition', 'CustomResourceConversion', 'CustomResourceValidation', 'CustomResourceSubresources',
  'CustomResourceSubresourceScale', 'CustomResourceColumnDefinition', 'JSONSchemaProps', 'ExternalDocumentation', 'ValidationRule', 'SelectableField',
  'WebhookConversion', 'WebhookClientConfig', 'ServiceReference',
];
const CLASS_GROUP: Record<string, string> = {
  Lease: 'coordination', LeaseSpec: 'coordination', LeaseList: 'coordination', Eviction: 'policy',
  Scale: 'autoscaling', ScaleSpec: 'autoscaling', ScaleStatus: 'autoscaling',
  TokenReview: 'authentication', TokenReviewSpec: 'authentication', TokenReviewStatus: 'authentication', UserInfo: 'authentication',
  TokenRequestSpec: 'authentication', TokenRequestStatus: 'authentication', BoundObjectReference: 'authentication',
  ...Object.fromEntries(APPS_CLASSES.map((c) => [c, 'apps'])),
  ...Object.fromEntries(APPS_SET_CLASSES.map((c) => [c, 'apps'])),
  ...Object.fromEntries(NETWORKING_CLASSES.map((c) => [c, 'networking'])),
  ...Object.fromEntries(DISCOVERY_CLASSES.map((c) => [c, 'discovery'])),
  ...Object.fromEntries(BATCH_CLASSES.map((c) => [c, 'batch'])),
  ...Object.fromEntries(['PodDisruptionBudget', 'PodDisruptionBudgetList', 'PodDisruptionBudgetSpec', 'PodDisruptionBudgetStatus'].map((c) => [c, 'policy'])),
  PriorityClass: 'scheduling', PriorityClassList: 'scheduling',
  ...Object.fromEntries(['CertificateSigningRequest', 'CertificateSigningRequestList', 'CertificateSigningRequestSpec', 'CertificateSigningRequestStatus', 'CertificateSigningRequestCondition'].map((c) => [c, 'certificates'])),
  SelfSubjectReview: 'authentication', SelfSubjectReviewStatus: 'authentication',
  ...Object.fromEntries(['Role', 'RoleList', 'ClusterRole', 'ClusterRoleList', 'RoleBinding', 'RoleBindingList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'PolicyRule', 'AggregationRule', 'RoleRef'].map((c) => [c, 'rbac'])),
  ...Object.fromEntries(['SubjectAccessReview', 'SubjectAccessReviewSpec', 'SubjectAccessReviewStatus', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectAccessReviewSpec',
    'SelfSubjectRulesReview', 'SelfSubjectRulesReviewSpec', 'SubjectRulesReviewStatus', 'ResourceAttributes', 'NonResourceAttributes', 'ResourceRule', 'NonResourceRule',
    'FieldSelectorAttributes', 'LabelSelectorAttributes'].map((c) => [c, 'authorization'])),
  ...Object.fromEntries(APIEXTENSIONS_CLASSES.map((c) => [c, 'apiextensions'])),
  ...Object.fromEntries(INGRESS_CLASSES.map((c) => [c, 'networking'])),
  StorageClass: 'storage', StorageClassList: 'storage',
  ...Object.fromEntries(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyList', 'ValidatingAdmissionPolicySpec', 'ValidatingAdmissionPolicyStatus', 'ValidatingAdmissionPolicyBinding', 'ValidatingAdmissionPolicyBindingList',
    'ValidatingAdmissionPolicyBindingSpec', 'MatchResources', 'NamedRuleWithOperations', 'ParamKind', 'ParamRef', 'Validation', 'AuditAnnotation', 'MatchCondition', 'Variable', 'TypeChecking', 'ExpressionWarning'].map((c) => [c, 'admissionregistration'])),
};

/** `CoreV1Event` → `io.k8s.api.core.v1.Event`, `V1ObjectMeta` → `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`. */
function definitionName(className: string): string {
  const m = /^([A-Z][a-z]+)?(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/.exec(className);
  if (!m) throw new Error(`unexpected model name ${className}`);
  const [, prefix, version, short] = m as unknown as [string, string | undefined, string, string];
  const v = version.toLowerCase();
  if (META_TYPES.has(short)) return `io.k8s.apimachinery.pkg.apis.meta.${v}.${short}`;
  const group = prefix ? prefix.toLowerCase() : CLASS_GROUP[short] ?? 'core';
  // apiextensions types live in their own server's package, and are named after it upstream.
  if (group === 'apiextensions') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${v}.${short}`;
  return `io.k8s.api.${GROUP_PACKAGE[group] ?? group}.${v}.${short}`;
}

/** The last segment of a definition name, as patch-meta and error messages use it. */
export function shortName(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1);
}

/** Doc comments from a model's .d.ts: the class's and each property's (by its TypeScript name). */
function docsOf(className: string): { self?: string; fields: Map<string, string> } {
  const fields = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(join(MODELS_DIR, `${className}.d.ts`), 'utf8');
  } catch {
    return { fields }; // descriptions are a nicety; the schema stands without them
  }
  const clean = (s: string) => s.split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join(' ').replace(/\\'/g, "'").trim();
  const self = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export declare class/.exec(text);
  for (const m of text.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*'([^']+)'\??:/g)) fields.set(m[2]!, clean(m[1]!));
  return { self: self ? clean(self[1]!) : undefined, fields };
}

/**
 * A model's attributeTypeMap, read from its generated module as data. Importing the models would
 * evaluate all ~800 of them (0.4 s of every server start); the served kinds need a hundred, read once.
 */
function attributeTypeMap(className: string): Attribute[] | undefined {
  let text: string;
  try {
    text = readFileSync(join(MODELS_DIR, `${className}.js`), 'utf8');
  } catch {
    return undefined;
  }
  const marker = `${className}.attributeTypeMap = [`;
  const start = text.indexOf(marker);
  const end = text.indexOf('\n];', start);
  if (start === -1 || end === -1) return undefined;
  return JSON.parse(text.slice(start + marker.length - 1, end + 2)) as Attribute[];
}

const MODELS_DIR = join(dirname(createRequire(import.meta.url).resolve('@kubernetes/client-node/dist/gen/models/ObjectSerializer.js')));

class Builder {
  readonly defs = new Map<string, Schema>();

  /** Adds the definition for a model class and everything it references; returns its name. */
  add(className: string): string {
    const name = definitionName(className);
    if (this.defs.has(name)) return name;
    const attributes = attributeTypeMap(className);
    if (!attributes) throw new Error(`no model ${className}`);
    const def: Schema = { type: 'object', properties: {} };
    this.defs.set(name, def); // set before recursing: the model graph has cycles (JSON schema props, …)
    const docs = docsOf(className);
    if (docs.self) def.description = docs.self;
    for (const a of attributes) {
      const s = this.schemaOf(a.type, a.format);
      const description = docs.fields.get(a.name);
      if (description && !s.ref) s.description = description;
      const meta = s.type === 'array' ? listMeta(shortName(name), a.baseName) : undefined;
      if (meta) {
        if (meta.patchStrategy) s['x-kubernetes-patch-strategy'] = meta.patchStrategy;
        if (meta.patchMergeKey) s['x-kubernetes-patch-merge-key'] = meta.patchMergeKey;
        s['x-kubernetes-list-type'] = meta.listType;
        if (meta.listMapKeys) s['x-kubernetes-list-map-keys'] = meta.listMapKeys;
      }
      const objectStrategy = s.type === 'array' ? undefined : objectPatchStrategy(shortName(name), a.baseName);
      if (objectStrategy) s['x-kubernetes-patch-strategy'] = objectStrategy;
      // A described reference keeps its description beside the $ref the way Kubernetes' own spec does (allOf in v3).
      def.properties![a.baseName] = s.ref && description ? { ...s, description } : s;
    }
    const required = requiredFields(className);
    if (required.length) def.required = required;
    return name;
  }

  schemaOf(type: string, format: string): Schema {
    const arr = /^Array<(.+)>$/.exec(type);
    if (arr) return { type: 'array', items: this.schemaOf(arr[1]!, '') };
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map) return { type: 'object', additionalProperties: this.schemaOf(map[1]!, '') };
    switch (type) {
      case 'string': return format ? { type: 'string', format } : { type: 'string' };
      case 'boolean': return { type: 'boolean' };
      case 'number': return format === 'double' || format === 'float' ? { type: 'number', format } : { type: 'integer', ...(format ? { format } : {}) };
      case 'Date': case 'V1MicroTime': return { type: 'string', format: 'date-time' };
      case 'any': return { type: 'object' };
      case 'IntOrString':
        this.defs.set(INT_OR_STRING, { type: 'string', format: 'int-or-string', description: 'IntOrString is a type that can hold an int32 or a string.' });
        return { ref: INT_OR_STRING };
      default: return { ref: this.add(type) };
    }
  }
}

/** Required fields, read from the .d.ts (a property without `?`). */
function requiredFields(className: string): string[] {
  try {
    const text = readFileSync(join(MODELS_DIR, `${className}.d.ts`), 'utf8');
    return [...text.matchAll(/^\s*'([^']+)':/gm)].map((m) => m[1]!);
  } catch {
    return [];
  }
}

/** The client-node class of a served kind. */
export function modelClassOf(r: Pick<ResourceInfo, 'group' | 'version' | 'kind'>, list = false): string {
  const v = r.version.charAt(0).toUpperCase() + r.version.slice(1);
  const prefix = r.kind === 'Event' ? (r.group === 'events.k8s.io' ? `EventsV1` : `CoreV1`) : v;
  return `${prefix}${r.kind}${list ? 'List' : ''}`;
}

let cache: { defs: Map<string, Schema>; byGvk: Map<string, string> } | undefined;

function build(): NonNullable<typeof cache> {
  const b = new Builder();
  const byGvk = new Map<string, string>();
  const tag = (defName: string, group: string, version: string, kind: string) => {
    const def = b.defs.get(defName)!;
    (def['x-kubernetes-group-version-kind'] ??= []).push({ group, version, kind });
    byGvk.set(`${group}/${version}/${kind}`, defName);
  };
  for (const r of RESOURCES) {
    tag(b.add(modelClassOf(r)), r.group, r.version, r.kind);
    if (r.verbs.includes('list')) tag(b.add(modelClassOf(r, true)), r.group, r.version, r.listKind);
  }
  tag(b.add('V1Eviction'), 'policy', 'v1', 'Eviction');
  tag(b.add('V1Scale'), 'autoscaling', 'v1', 'Scale');
  tag(b.add('AuthenticationV1TokenRequest'), 'authentication.k8s.io', 'v1', 'TokenRequest');
  for (const k of ['Status', 'DeleteOptions', 'WatchEvent']) tag(b.add(`V1${k}`), '', 'v1', k);
  return { defs: b.defs, byGvk };
}

/** Every definition, by its OpenAPI name (`io.k8s.api.core.v1.Pod`). Built once. */
export function definitions(): ReadonlyMap<string, Schema> {
  return (cache ??= build()).defs;
}

/** The definition name for an apiVersion and kind (`v1`, `Pod`), if served. */
export function definitionOf(apiVersion: string, kind: string): string | undefined {
  // Both come from request bodies (a patch may set them to anything): only strings name a kind.
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return (cache ??= build()).byGvk.get(`${group}/${version}/${kind}`);
}

/** Follows a `ref` to the schema it names. */
export function resolve(s: Schema): Schema {
  return s.ref ? definitions().get(s.ref) ?? {} : s;
}

/** The schema of field `key` inside an object of schema `s` (a declared field or a map value). */
export function childSchema(s: Schema | undefined, key: string): Schema | undefined {
  if (!s) return undefined;
  const r = resolve(s);
  return r.properties?.[key] ?? r.additionalProperties;
}

/** The schema of a served kind's whole object, if known. */
export function kindSchema(apiVersion: string, kind: string): Schema | undefined {
  const def = definitionOf(apiVersion, kind);
  return def ? { ref: def } : undefined;
}
