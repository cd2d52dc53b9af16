// The core/v1 Service messages for ./protobuf.ts (kubectl create service and kubectl expose send them):
// names, types and field numbers as k8s.io/api core/v1 generated.proto numbers them (2026-12). Data
// only; the decoding is protobuf.ts's.
export const SERVICE_PROTO = `
message Service { optional ObjectMeta metadata = 1; optional ServiceSpec spec = 2; optional ServiceStatus status = 3; }
message ServiceSpec { repeated ServicePort ports = 1; map<string, string> selector = 2; optional string clusterIP = 3;
  repeated string clusterIPs = 18; optional string type = 4; repeated string externalIPs = 5;
  optional string sessionAffinity = 7; optional string loadBalancerIP = 8; repeated string loadBalancerSourceRanges = 9;
  optional string externalName = 10; optional string externalTrafficPolicy = 11; optional int32 healthCheckNodePort = 12;
  optional bool publishNotReadyAddresses = 13; optional SessionAffinityConfig sessionAffinityConfig = 14;
  repeated string ipFamilies = 19; optional string ipFamilyPolicy = 17; optional bool allocateLoadBalancerNodePorts = 20;
  optional string loadBalancerClass = 21; optional string internalTrafficPolicy = 22;
  optional string trafficDistribution = 23; }
message ServicePort { optional string name = 1; optional string protocol = 2; optional string appProtocol = 6;
  optional int32 port = 3; optional IntOrString targetPort = 4; optional int32 nodePort = 5; }
message SessionAffinityConfig { optional ClientIPConfig clientIP = 1; }
message ClientIPConfig { optional int32 timeoutSeconds = 1; }
message ServiceStatus { optional LoadBalancerStatus loadBalancer = 1; repeated Condition conditions = 2; }
message LoadBalancerStatus { repeated LoadBalancerIngress ingress = 1; }
message LoadBalancerIngress { optional string ip = 1; optional string hostname = 2; optional string ipMode = 3;
  repeated PortStatus ports = 4; }
message PortStatus { optional int32 port = 1; optional string protocol = 2; optional string error = 3; }
`;
/** Scalar fields that are pointers in Go: their zero value was meant when sent. */
export const SERVICE_POINTER_FIELDS = [
    'ServiceSpec.ipFamilyPolicy', 'ServiceSpec.allocateLoadBalancerNodePorts', 'ServiceSpec.loadBalancerClass',
    'ServiceSpec.internalTrafficPolicy', 'ServiceSpec.trafficDistribution', 'ServicePort.appProtocol',
    'ClientIPConfig.timeoutSeconds', 'LoadBalancerIngress.ipMode', 'PortStatus.error',
];
//# sourceMappingURL=protobuf-services.js.map