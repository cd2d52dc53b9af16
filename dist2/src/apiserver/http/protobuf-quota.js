// The core/v1 ResourceQuota and LimitRange messages for ./protobuf.ts (`kubectl create quota` sends
// them): names, types and field numbers as k8s.io/api core/v1 generated.proto numbers them on the wire.
// Data only; the decoding is protobuf.ts's.
export const QUOTA_PROTO = `
message ScopedResourceSelectorRequirement { optional string scopeName = 1; optional string operator = 2; repeated string values = 3; }
message ScopeSelector { repeated ScopedResourceSelectorRequirement matchExpressions = 1; }
message ResourceQuotaSpec { map<string, Quantity> hard = 1; repeated string scopes = 2; optional ScopeSelector scopeSelector = 3; }
message ResourceQuotaStatus { map<string, Quantity> hard = 1; map<string, Quantity> used = 2; }
message ResourceQuota { optional ObjectMeta metadata = 1; optional ResourceQuotaSpec spec = 2; optional ResourceQuotaStatus status = 3; }
message LimitRangeItem { optional string type = 1; map<string, Quantity> max = 2; map<string, Quantity> min = 3;
  map<string, Quantity> default = 4; map<string, Quantity> defaultRequest = 5; map<string, Quantity> maxLimitRequestRatio = 6; }
message LimitRangeSpec { repeated LimitRangeItem limits = 1; }
message LimitRange { optional ObjectMeta metadata = 1; optional LimitRangeSpec spec = 2; }
`;
export const QUOTA_KINDS = { '/ResourceQuota': 'ResourceQuota', '/LimitRange': 'LimitRange' };
//# sourceMappingURL=protobuf-quota.js.map