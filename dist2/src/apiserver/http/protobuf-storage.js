// The PersistentVolume, PersistentVolumeClaim (core/v1), StorageClass (storage/v1), Ingress and
// IngressClass (networking/v1) and ControllerRevision (apps/v1) messages for ./protobuf.ts: names, types
// and field numbers as k8s.io/api's generated.proto files number them on the wire (2026-12); field names
// are the JSON ones (the wire knows only numbers). Claim specs, NodeSelector and most volume sources are
// ./protobuf-workloads.ts's. Data only; the decoding is protobuf.ts's.
export const STORAGE_PROTO = `
message PersistentVolume { optional ObjectMeta metadata = 1; optional PersistentVolumeSpec spec = 2; optional PersistentVolumeStatus status = 3; }
message PersistentVolumeSpec { map<string, Quantity> capacity = 1; optional PersistentVolumeSource persistentVolumeSource = 2;
  repeated string accessModes = 3; optional ObjectReference claimRef = 4; optional string persistentVolumeReclaimPolicy = 5;
  optional string storageClassName = 6; repeated string mountOptions = 7; optional string volumeMode = 8;
  optional VolumeNodeAffinity nodeAffinity = 9; optional string volumeAttributesClassName = 10; }
message PersistentVolumeSource { optional GCEPersistentDiskVolumeSource gcePersistentDisk = 1;
  optional AWSElasticBlockStoreVolumeSource awsElasticBlockStore = 2; optional HostPathVolumeSource hostPath = 3;
  optional GlusterfsPersistentVolumeSource glusterfs = 4; optional NFSVolumeSource nfs = 5; optional RBDPersistentVolumeSource rbd = 6;
  optional ISCSIPersistentVolumeSource iscsi = 7; optional CinderPersistentVolumeSource cinder = 8;
  optional CephFSPersistentVolumeSource cephfs = 9; optional FCVolumeSource fc = 10; optional FlockerVolumeSource flocker = 11;
  optional FlexPersistentVolumeSource flexVolume = 12; optional AzureFilePersistentVolumeSource azureFile = 13;
  optional VsphereVirtualDiskVolumeSource vsphereVolume = 14; optional QuobyteVolumeSource quobyte = 15;
  optional AzureDiskVolumeSource azureDisk = 16; optional PhotonPersistentDiskVolumeSource photonPersistentDisk = 17;
  optional PortworxVolumeSource portworxVolume = 18; optional ScaleIOPersistentVolumeSource scaleIO = 19;
  optional LocalVolumeSource local = 20; optional StorageOSPersistentVolumeSource storageos = 21;
  optional CSIPersistentVolumeSource csi = 22; }
message SecretReference { optional string name = 1; optional string namespace = 2; }
message GlusterfsPersistentVolumeSource { optional string endpoints = 1; optional string path = 2; optional bool readOnly = 3;
  optional string endpointsNamespace = 4; }
message RBDPersistentVolumeSource { repeated string monitors = 1; optional string image = 2; optional string fsType = 3;
  optional string pool = 4; optional string user = 5; optional string keyring = 6; optional SecretReference secretRef = 7;
  optional bool readOnly = 8; }
message ISCSIPersistentVolumeSource { optional string targetPortal = 1; optional string iqn = 2; optional int32 lun = 3;
  optional string iscsiInterface = 4; optional string fsType = 5; optional bool readOnly = 6; repeated string portals = 7;
  optional bool chapAuthDiscovery = 8; optional bool chapAuthSession = 11; optional SecretReference secretRef = 10;
  optional string initiatorName = 12; }
message CinderPersistentVolumeSource { optional string volumeID = 1; optional string fsType = 2; optional bool readOnly = 3;
  optional SecretReference secretRef = 4; }
message CephFSPersistentVolumeSource { repeated string monitors = 1; optional string path = 2; optional string user = 3;
  optional string secretFile = 4; optional SecretReference secretRef = 5; optional bool readOnly = 6; }
message FlexPersistentVolumeSource { optional string driver = 1; optional string fsType = 2; optional SecretReference secretRef = 3;
  optional bool readOnly = 4; map<string, string> options = 5; }
message AzureFilePersistentVolumeSource { optional string secretName = 1; optional string shareName = 2; optional bool readOnly = 3;
  optional string secretNamespace = 4; }
message ScaleIOPersistentVolumeSource { optional string gateway = 1; optional string system = 2; optional SecretReference secretRef = 3;
  optional bool sslEnabled = 4; optional string protectionDomain = 5; optional string storagePool = 6; optional string storageMode = 7;
  optional string volumeName = 8; optional string fsType = 9; optional bool readOnly = 10; }
message StorageOSPersistentVolumeSource { optional string volumeName = 1; optional string volumeNamespace = 2; optional string fsType = 3;
  optional bool readOnly = 4; optional ObjectReference secretRef = 5; }
message LocalVolumeSource { optional string path = 1; optional string fsType = 2; }
message CSIPersistentVolumeSource { optional string driver = 1; optional string volumeHandle = 2; optional bool readOnly = 3;
  optional string fsType = 4; map<string, string> volumeAttributes = 5; optional SecretReference controllerPublishSecretRef = 6;
  optional SecretReference nodeStageSecretRef = 7; optional SecretReference nodePublishSecretRef = 8;
  optional SecretReference controllerExpandSecretRef = 9; optional SecretReference nodeExpandSecretRef = 10; }
message VolumeNodeAffinity { optional NodeSelector required = 1; }
message PersistentVolumeStatus { optional string phase = 1; optional string message = 2; optional string reason = 3;
  optional Time lastPhaseTransitionTime = 4; }

message PersistentVolumeClaim { optional ObjectMeta metadata = 1; optional PersistentVolumeClaimSpec spec = 2;
  optional PersistentVolumeClaimStatus status = 3; }
message PersistentVolumeClaimStatus { optional string phase = 1; repeated string accessModes = 2; map<string, Quantity> capacity = 3;
  repeated PersistentVolumeClaimCondition conditions = 4; map<string, Quantity> allocatedResources = 5;
  map<string, string> allocatedResourceStatuses = 7; optional string currentVolumeAttributesClassName = 8;
  optional ModifyVolumeStatus modifyVolumeStatus = 9; }
message PersistentVolumeClaimCondition { optional string type = 1; optional string status = 2; optional Time lastProbeTime = 3;
  optional Time lastTransitionTime = 4; optional string reason = 5; optional string message = 6; }
message ModifyVolumeStatus { optional string targetVolumeAttributesClassName = 1; optional string status = 2; }

message StorageClass { optional ObjectMeta metadata = 1; optional string provisioner = 2; map<string, string> parameters = 3;
  optional string reclaimPolicy = 4; repeated string mountOptions = 5; optional bool allowVolumeExpansion = 6;
  optional string volumeBindingMode = 7; repeated TopologySelectorTerm allowedTopologies = 8; }
message TopologySelectorTerm { repeated TopologySelectorLabelRequirement matchLabelExpressions = 1; }
message TopologySelectorLabelRequirement { optional string key = 1; repeated string values = 2; }

message Ingress { optional ObjectMeta metadata = 1; optional IngressSpec spec = 2; optional IngressStatus status = 3; }
message IngressSpec { optional string ingressClassName = 4; optional IngressBackend defaultBackend = 1; repeated IngressTLS tls = 2;
  repeated IngressRule rules = 3; }
message IngressTLS { repeated string hosts = 1; optional string secretName = 2; }
message IngressRule { optional string host = 1; optional IngressRuleValue ingressRuleValue = 2; }
message IngressRuleValue { optional HTTPIngressRuleValue http = 1; }
message HTTPIngressRuleValue { repeated HTTPIngressPath paths = 1; }
message HTTPIngressPath { optional string path = 1; optional string pathType = 3; optional IngressBackend backend = 2; }
message IngressBackend { optional IngressServiceBackend service = 4; optional TypedLocalObjectReference resource = 3; }
message IngressServiceBackend { optional string name = 1; optional ServiceBackendPort port = 2; }
message ServiceBackendPort { optional string name = 1; optional int32 number = 2; }
message IngressStatus { optional IngressLoadBalancerStatus loadBalancer = 1; }
message IngressLoadBalancerStatus { repeated IngressLoadBalancerIngress ingress = 1; }
message IngressLoadBalancerIngress { optional string ip = 1; optional string hostname = 2; repeated IngressPortStatus ports = 4; }
message IngressPortStatus { optional int32 port = 1; optional string protocol = 2; optional string error = 3; }
message IngressClass { optional ObjectMeta metadata = 1; optional IngressClassSpec spec = 2; }
message IngressClassSpec { optional string controller = 1; optional IngressClassParametersReference parameters = 2; }
message IngressClassParametersReference { optional string apiGroup = 1; optional string kind = 2; optional string name = 3;
  optional string scope = 4; optional string namespace = 5; }

message RawExtension { optional bytes raw = 1; }
message ControllerRevision { optional ObjectMeta metadata = 1; optional RawExtension data = 2; optional int64 revision = 3; }
`;
export const STORAGE_KINDS = {
    '/PersistentVolume': 'PersistentVolume',
    '/PersistentVolumeClaim': 'PersistentVolumeClaim',
    'storage.k8s.io/StorageClass': 'StorageClass',
    'networking.k8s.io/Ingress': 'Ingress',
    'networking.k8s.io/IngressClass': 'IngressClass',
    'apps/ControllerRevision': 'ControllerRevision',
};
/** Scalar fields that are pointers in Go: their zero value was meant when sent. */
export const STORAGE_POINTER_FIELDS = [
    'PersistentVolumeSpec.volumeMode', 'PersistentVolumeSpec.volumeAttributesClassName', 'LocalVolumeSource.fsType',
    'GlusterfsPersistentVolumeSource.endpointsNamespace', 'ISCSIPersistentVolumeSource.initiatorName',
    'AzureFilePersistentVolumeSource.secretNamespace', 'PersistentVolumeClaimStatus.currentVolumeAttributesClassName',
    'ModifyVolumeStatus.targetVolumeAttributesClassName', 'StorageClass.reclaimPolicy', 'StorageClass.allowVolumeExpansion',
    'StorageClass.volumeBindingMode', 'IngressSpec.ingressClassName', 'HTTPIngressPath.pathType', 'IngressPortStatus.error',
    'IngressClassParametersReference.apiGroup', 'IngressClassParametersReference.scope', 'IngressClassParametersReference.namespace',
];
/** Embedded Go structs (json:",inline"): their fields land on the parent. */
export const STORAGE_INLINE_FIELDS = ['PersistentVolumeSpec.persistentVolumeSource', 'IngressRule.ingressRuleValue'];
//# sourceMappingURL=protobuf-storage.js.map