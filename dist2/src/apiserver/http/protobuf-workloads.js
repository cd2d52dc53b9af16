// The core/v1 messages of Pods and Nodes, and the apps/v1 ones of Deployments, ReplicaSets, DaemonSets
// and StatefulSets (whose conditions have a ReplicaSet condition's very fields; a volume claim template
// is read as an ephemeral volume's, PersistentVolumeClaim without status), for
// ./protobuf.ts: names, types and field numbers as k8s.io/api's generated.proto files number them on the
// wire (the Pod and Node closures of core/v1, 2026-12), so that every field kubectl can send is decoded
// and none is skipped. Data only; the decoding is protobuf.ts's.
/**
 * Message definitions (proto2, in protobuf.ts's package), one message per line or group of lines. An
 * ephemeral container's common part has Container's very fields and numbers, so it is read as one.
 */
export const WORKLOAD_PROTO = `
message Pod { optional ObjectMeta metadata = 1; optional PodSpec spec = 2; optional PodStatus status = 3; }
message PodSpec { repeated Volume volumes = 1; repeated Container initContainers = 20;
  repeated Container containers = 2; repeated EphemeralContainer ephemeralContainers = 34;
  optional string restartPolicy = 3; optional int64 terminationGracePeriodSeconds = 4;
  optional int64 activeDeadlineSeconds = 5; optional string dnsPolicy = 6; map<string, string> nodeSelector = 7;
  optional string serviceAccountName = 8; optional string serviceAccount = 9;
  optional bool automountServiceAccountToken = 21; optional string nodeName = 10; optional bool hostNetwork = 11;
  optional bool hostPID = 12; optional bool hostIPC = 13; optional bool shareProcessNamespace = 27;
  optional PodSecurityContext securityContext = 14; repeated LocalObjectReference imagePullSecrets = 15;
  optional string hostname = 16; optional string subdomain = 17; optional Affinity affinity = 18;
  optional string schedulerName = 19; repeated Toleration tolerations = 22; repeated HostAlias hostAliases = 23;
  optional string priorityClassName = 24; optional int32 priority = 25; optional PodDNSConfig dnsConfig = 26;
  repeated PodReadinessGate readinessGates = 28; optional string runtimeClassName = 29;
  optional bool enableServiceLinks = 30; optional string preemptionPolicy = 31; map<string, Quantity> overhead = 32;
  repeated TopologySpreadConstraint topologySpreadConstraints = 33; optional bool setHostnameAsFQDN = 35;
  optional PodOS os = 36; optional bool hostUsers = 37; repeated PodSchedulingGate schedulingGates = 38;
  repeated PodResourceClaim resourceClaims = 39; optional ResourceRequirements resources = 40;
  optional string hostnameOverride = 41; optional PodSchedulingGroup schedulingGroup = 43;
  repeated EvictionResponder evictionResponders = 44; }
message Volume { optional string name = 1; optional VolumeSource volumeSource = 2; }
message VolumeSource { optional HostPathVolumeSource hostPath = 1; optional EmptyDirVolumeSource emptyDir = 2;
  optional GCEPersistentDiskVolumeSource gcePersistentDisk = 3;
  optional AWSElasticBlockStoreVolumeSource awsElasticBlockStore = 4; optional GitRepoVolumeSource gitRepo = 5;
  optional SecretVolumeSource secret = 6; optional NFSVolumeSource nfs = 7; optional ISCSIVolumeSource iscsi = 8;
  optional GlusterfsVolumeSource glusterfs = 9; optional PersistentVolumeClaimVolumeSource persistentVolumeClaim = 10;
  optional RBDVolumeSource rbd = 11; optional FlexVolumeSource flexVolume = 12;
  optional CinderVolumeSource cinder = 13; optional CephFSVolumeSource cephfs = 14;
  optional FlockerVolumeSource flocker = 15; optional DownwardAPIVolumeSource downwardAPI = 16;
  optional FCVolumeSource fc = 17; optional AzureFileVolumeSource azureFile = 18;
  optional ConfigMapVolumeSource configMap = 19; optional VsphereVirtualDiskVolumeSource vsphereVolume = 20;
  optional QuobyteVolumeSource quobyte = 21; optional AzureDiskVolumeSource azureDisk = 22;
  optional PhotonPersistentDiskVolumeSource photonPersistentDisk = 23; optional ProjectedVolumeSource projected = 26;
  optional PortworxVolumeSource portworxVolume = 24; optional ScaleIOVolumeSource scaleIO = 25;
  optional StorageOSVolumeSource storageos = 27; optional CSIVolumeSource csi = 28;
  optional EphemeralVolumeSource ephemeral = 29; optional ImageVolumeSource image = 30; }
message HostPathVolumeSource { optional string path = 1; optional string type = 2; }
message EmptyDirVolumeSource { optional string medium = 1; optional Quantity sizeLimit = 2; optional int32 mode = 3; }
message GCEPersistentDiskVolumeSource { optional string pdName = 1; optional string fsType = 2;
  optional int32 partition = 3; optional bool readOnly = 4; }
message AWSElasticBlockStoreVolumeSource { optional string volumeID = 1; optional string fsType = 2;
  optional int32 partition = 3; optional bool readOnly = 4; }
message GitRepoVolumeSource { optional string repository = 1; optional string revision = 2;
  optional string directory = 3; }
message SecretVolumeSource { optional string secretName = 1; repeated KeyToPath items = 2;
  optional int32 defaultMode = 3; optional bool optional = 4; optional int64 defaultUser = 5; }
message KeyToPath { optional string key = 1; optional string path = 2; optional int32 mode = 3;
  optional int64 user = 4; }
message NFSVolumeSource { optional string server = 1; optional string path = 2; optional bool readOnly = 3; }
message ISCSIVolumeSource { optional string targetPortal = 1; optional string iqn = 2; optional int32 lun = 3;
  optional string iscsiInterface = 4; optional string fsType = 5; optional bool readOnly = 6;
  repeated string portals = 7; optional bool chapAuthDiscovery = 8; optional bool chapAuthSession = 11;
  optional LocalObjectReference secretRef = 10; optional string initiatorName = 12; }
message LocalObjectReference { optional string name = 1; }
message GlusterfsVolumeSource { optional string endpoints = 1; optional string path = 2; optional bool readOnly = 3; }
message PersistentVolumeClaimVolumeSource { optional string claimName = 1; optional bool readOnly = 2; }
message RBDVolumeSource { repeated string monitors = 1; optional string image = 2; optional string fsType = 3;
  optional string pool = 4; optional string user = 5; optional string keyring = 6;
  optional LocalObjectReference secretRef = 7; optional bool readOnly = 8; }
message FlexVolumeSource { optional string driver = 1; optional string fsType = 2;
  optional LocalObjectReference secretRef = 3; optional bool readOnly = 4; map<string, string> options = 5; }
message CinderVolumeSource { optional string volumeID = 1; optional string fsType = 2; optional bool readOnly = 3;
  optional LocalObjectReference secretRef = 4; }
message CephFSVolumeSource { repeated string monitors = 1; optional string path = 2; optional string user = 3;
  optional string secretFile = 4; optional LocalObjectReference secretRef = 5; optional bool readOnly = 6; }
message FlockerVolumeSource { optional string datasetName = 1; optional string datasetUUID = 2; }
message DownwardAPIVolumeSource { repeated DownwardAPIVolumeFile items = 1; optional int32 defaultMode = 2;
  optional int64 defaultUser = 3; }
message DownwardAPIVolumeFile { optional string path = 1; optional ObjectFieldSelector fieldRef = 2;
  optional ResourceFieldSelector resourceFieldRef = 3; optional int32 mode = 4; optional int64 user = 5; }
message ObjectFieldSelector { optional string apiVersion = 1; optional string fieldPath = 2; }
message ResourceFieldSelector { optional string containerName = 1; optional string resource = 2;
  optional Quantity divisor = 3; }
message FCVolumeSource { repeated string targetWWNs = 1; optional int32 lun = 2; optional string fsType = 3;
  optional bool readOnly = 4; repeated string wwids = 5; }
message AzureFileVolumeSource { optional string secretName = 1; optional string shareName = 2;
  optional bool readOnly = 3; }
message ConfigMapVolumeSource { optional LocalObjectReference localObjectReference = 1; repeated KeyToPath items = 2;
  optional int32 defaultMode = 3; optional bool optional = 4; optional int64 defaultUser = 5; }
message VsphereVirtualDiskVolumeSource { optional string volumePath = 1; optional string fsType = 2;
  optional string storagePolicyName = 3; optional string storagePolicyID = 4; }
message QuobyteVolumeSource { optional string registry = 1; optional string volume = 2; optional bool readOnly = 3;
  optional string user = 4; optional string group = 5; optional string tenant = 6; }
message AzureDiskVolumeSource { optional string diskName = 1; optional string diskURI = 2;
  optional string cachingMode = 3; optional string fsType = 4; optional bool readOnly = 5; optional string kind = 6; }
message PhotonPersistentDiskVolumeSource { optional string pdID = 1; optional string fsType = 2; }
message ProjectedVolumeSource { repeated VolumeProjection sources = 1; optional int32 defaultMode = 2;
  optional int64 defaultUser = 3; }
message VolumeProjection { optional SecretProjection secret = 1; optional DownwardAPIProjection downwardAPI = 2;
  optional ConfigMapProjection configMap = 3; optional ServiceAccountTokenProjection serviceAccountToken = 4;
  optional ClusterTrustBundleProjection clusterTrustBundle = 5; optional PodCertificateProjection podCertificate = 6; }
message SecretProjection { optional LocalObjectReference localObjectReference = 1; repeated KeyToPath items = 2;
  optional bool optional = 4; }
message DownwardAPIProjection { repeated DownwardAPIVolumeFile items = 1; }
message ConfigMapProjection { optional LocalObjectReference localObjectReference = 1; repeated KeyToPath items = 2;
  optional bool optional = 4; }
message ServiceAccountTokenProjection { optional string audience = 1; optional int64 expirationSeconds = 2;
  optional string path = 3; optional int64 user = 4; }
message ClusterTrustBundleProjection { optional string name = 1; optional string signerName = 2;
  optional LabelSelector labelSelector = 3; optional bool optional = 5; optional string path = 4;
  optional int64 user = 6; }
message PodCertificateProjection { optional string signerName = 1; optional string keyType = 2;
  optional int32 maxExpirationSeconds = 3; optional string credentialBundlePath = 4; optional string keyPath = 5;
  optional string certificateChainPath = 6; map<string, string> userAnnotations = 7; optional int64 user = 8; }
message PortworxVolumeSource { optional string volumeID = 1; optional string fsType = 2; optional bool readOnly = 3; }
message ScaleIOVolumeSource { optional string gateway = 1; optional string system = 2;
  optional LocalObjectReference secretRef = 3; optional bool sslEnabled = 4; optional string protectionDomain = 5;
  optional string storagePool = 6; optional string storageMode = 7; optional string volumeName = 8;
  optional string fsType = 9; optional bool readOnly = 10; }
message StorageOSVolumeSource { optional string volumeName = 1; optional string volumeNamespace = 2;
  optional string fsType = 3; optional bool readOnly = 4; optional LocalObjectReference secretRef = 5; }
message CSIVolumeSource { optional string driver = 1; optional bool readOnly = 2; optional string fsType = 3;
  map<string, string> volumeAttributes = 4; optional LocalObjectReference nodePublishSecretRef = 5; }
message EphemeralVolumeSource { optional PersistentVolumeClaimTemplate volumeClaimTemplate = 1; }
message PersistentVolumeClaimTemplate { optional ObjectMeta metadata = 1; optional PersistentVolumeClaimSpec spec = 2; }
message PersistentVolumeClaimSpec { repeated string accessModes = 1; optional LabelSelector selector = 4;
  optional VolumeResourceRequirements resources = 2; optional string volumeName = 3;
  optional string storageClassName = 5; optional string volumeMode = 6;
  optional TypedLocalObjectReference dataSource = 7; optional TypedObjectReference dataSourceRef = 8;
  optional string volumeAttributesClassName = 9; }
message VolumeResourceRequirements { map<string, Quantity> limits = 1; map<string, Quantity> requests = 2; }
message TypedLocalObjectReference { optional string apiGroup = 1; optional string kind = 2; optional string name = 3; }
message TypedObjectReference { optional string apiGroup = 1; optional string kind = 2; optional string name = 3;
  optional string namespace = 4; }
message ImageVolumeSource { optional string reference = 1; optional string pullPolicy = 2; }
message Container { optional string name = 1; optional string image = 2; repeated string command = 3;
  repeated string args = 4; optional string workingDir = 5; repeated ContainerPort ports = 6;
  repeated EnvFromSource envFrom = 19; repeated EnvVar env = 7; optional ResourceRequirements resources = 8;
  repeated ContainerResizePolicy resizePolicy = 23; optional string restartPolicy = 24;
  repeated ContainerRestartRule restartPolicyRules = 25; repeated VolumeMount volumeMounts = 9;
  repeated VolumeDevice volumeDevices = 21; optional Probe livenessProbe = 10; optional Probe readinessProbe = 11;
  optional Probe startupProbe = 22; optional Lifecycle lifecycle = 12; optional string terminationMessagePath = 13;
  optional string terminationMessagePolicy = 20; optional string imagePullPolicy = 14;
  optional SecurityContext securityContext = 15; optional bool stdin = 16; optional bool stdinOnce = 17;
  optional bool tty = 18; }
message ContainerPort { optional string name = 1; optional int32 hostPort = 2; optional int32 containerPort = 3;
  optional string protocol = 4; optional string hostIP = 5; }
message EnvFromSource { optional string prefix = 1; optional ConfigMapEnvSource configMapRef = 2;
  optional SecretEnvSource secretRef = 3; }
message ConfigMapEnvSource { optional LocalObjectReference localObjectReference = 1; optional bool optional = 2; }
message SecretEnvSource { optional LocalObjectReference localObjectReference = 1; optional bool optional = 2; }
message EnvVar { optional string name = 1; optional string value = 2; optional EnvVarSource valueFrom = 3; }
message EnvVarSource { optional ObjectFieldSelector fieldRef = 1; optional ResourceFieldSelector resourceFieldRef = 2;
  optional ConfigMapKeySelector configMapKeyRef = 3; optional SecretKeySelector secretKeyRef = 4;
  optional FileKeySelector fileKeyRef = 5; }
message ConfigMapKeySelector { optional LocalObjectReference localObjectReference = 1; optional string key = 2;
  optional bool optional = 3; }
message SecretKeySelector { optional LocalObjectReference localObjectReference = 1; optional string key = 2;
  optional bool optional = 3; }
message FileKeySelector { optional string volumeName = 1; optional string path = 2; optional string key = 3;
  optional bool optional = 4; }
message ResourceRequirements { map<string, Quantity> limits = 1; map<string, Quantity> requests = 2;
  repeated ResourceClaim claims = 3; }
message ResourceClaim { optional string name = 1; optional string request = 2; }
message ContainerResizePolicy { optional string resourceName = 1; optional string restartPolicy = 2; }
message ContainerRestartRule { optional string action = 1; optional ContainerRestartRuleOnExitCodes exitCodes = 2; }
message ContainerRestartRuleOnExitCodes { optional string operator = 1; repeated int32 values = 2; }
message VolumeMount { optional string name = 1; optional bool readOnly = 2; optional string recursiveReadOnly = 7;
  optional string mountPath = 3; optional string subPath = 4; optional string mountPropagation = 5;
  optional string subPathExpr = 6; repeated string bindMountOptions = 8; }
message VolumeDevice { optional string name = 1; optional string devicePath = 2; }
message Probe { optional ProbeHandler handler = 1; optional int32 initialDelaySeconds = 2;
  optional int32 timeoutSeconds = 3; optional int32 periodSeconds = 4; optional int32 successThreshold = 5;
  optional int32 failureThreshold = 6; optional int64 terminationGracePeriodSeconds = 7; }
message ProbeHandler { optional ExecAction exec = 1; optional HTTPGetAction httpGet = 2;
  optional TCPSocketAction tcpSocket = 3; optional GRPCAction grpc = 4; }
message ExecAction { repeated string command = 1; }
message HTTPGetAction { optional string path = 1; optional IntOrString port = 2; optional string host = 3;
  optional string scheme = 4; repeated HTTPHeader httpHeaders = 5; optional string protocol = 6; }
message HTTPHeader { optional string name = 1; optional string value = 2; }
message TCPSocketAction { optional IntOrString port = 1; optional string host = 2; }
message GRPCAction { optional int32 port = 1; optional string service = 2; optional string mode = 3; }
message Lifecycle { optional LifecycleHandler postStart = 1; optional LifecycleHandler preStop = 2;
  optional string stopSignal = 3; }
message LifecycleHandler { optional ExecAction exec = 1; optional HTTPGetAction httpGet = 2;
  optional TCPSocketAction tcpSocket = 3; optional SleepAction sleep = 4; }
message SleepAction { optional int64 seconds = 1; }
message SecurityContext { optional Capabilities capabilities = 1; optional bool privileged = 2;
  optional SELinuxOptions seLinuxOptions = 3; optional WindowsSecurityContextOptions windowsOptions = 10;
  optional int64 runAsUser = 4; optional int64 runAsGroup = 8; optional bool runAsNonRoot = 5;
  optional bool readOnlyRootFilesystem = 6; optional bool allowPrivilegeEscalation = 7; optional string procMount = 9;
  optional SeccompProfile seccompProfile = 11; optional AppArmorProfile appArmorProfile = 12; }
message Capabilities { repeated string add = 1; repeated string drop = 2; }
message SELinuxOptions { optional string user = 1; optional string role = 2; optional string type = 3;
  optional string level = 4; }
message WindowsSecurityContextOptions { optional string gmsaCredentialSpecName = 1;
  optional string gmsaCredentialSpec = 2; optional string runAsUserName = 3; optional bool hostProcess = 4; }
message SeccompProfile { optional string type = 1; optional string localhostProfile = 2; }
message AppArmorProfile { optional string type = 1; optional string localhostProfile = 2; }
message EphemeralContainer { optional Container ephemeralContainerCommon = 1;
  optional string targetContainerName = 2; }
message PodSecurityContext { optional SELinuxOptions seLinuxOptions = 1;
  optional WindowsSecurityContextOptions windowsOptions = 8; optional int64 runAsUser = 2;
  optional int64 runAsGroup = 6; optional bool runAsNonRoot = 3; repeated int64 supplementalGroups = 4;
  optional string supplementalGroupsPolicy = 12; optional int64 fsGroup = 5; repeated Sysctl sysctls = 7;
  optional string fsGroupChangePolicy = 9; optional SeccompProfile seccompProfile = 10;
  optional AppArmorProfile appArmorProfile = 11; optional string seLinuxChangePolicy = 13; }
message Sysctl { optional string name = 1; optional string value = 2; }
message Affinity { optional NodeAffinity nodeAffinity = 1; optional PodAffinity podAffinity = 2;
  optional PodAntiAffinity podAntiAffinity = 3; }
message NodeAffinity { optional NodeSelector requiredDuringSchedulingIgnoredDuringExecution = 1;
  repeated PreferredSchedulingTerm preferredDuringSchedulingIgnoredDuringExecution = 2; }
message NodeSelector { repeated NodeSelectorTerm nodeSelectorTerms = 1; }
message NodeSelectorTerm { repeated NodeSelectorRequirement matchExpressions = 1;
  repeated NodeSelectorRequirement matchFields = 2; }
message NodeSelectorRequirement { optional string key = 1; optional string operator = 2; repeated string values = 3; }
message PreferredSchedulingTerm { optional int32 weight = 1; optional NodeSelectorTerm preference = 2; }
message PodAffinity { repeated PodAffinityTerm requiredDuringSchedulingIgnoredDuringExecution = 1;
  repeated WeightedPodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution = 2; }
message PodAffinityTerm { optional LabelSelector labelSelector = 1; repeated string namespaces = 2;
  optional string topologyKey = 3; optional LabelSelector namespaceSelector = 4; repeated string matchLabelKeys = 5;
  repeated string mismatchLabelKeys = 6; }
message WeightedPodAffinityTerm { optional int32 weight = 1; optional PodAffinityTerm podAffinityTerm = 2; }
message PodAntiAffinity { repeated PodAffinityTerm requiredDuringSchedulingIgnoredDuringExecution = 1;
  repeated WeightedPodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution = 2; }
message Toleration { optional string key = 1; optional string operator = 2; optional string value = 3;
  optional string effect = 4; optional int64 tolerationSeconds = 5; }
message HostAlias { optional string ip = 1; repeated string hostnames = 2; }
message PodDNSConfig { repeated string nameservers = 1; repeated string searches = 2;
  repeated PodDNSConfigOption options = 3; }
message PodDNSConfigOption { optional string name = 1; optional string value = 2; }
message PodReadinessGate { optional string conditionType = 1; }
message TopologySpreadConstraint { optional int32 maxSkew = 1; optional string topologyKey = 2;
  optional string whenUnsatisfiable = 3; optional LabelSelector labelSelector = 4; optional int32 minDomains = 5;
  optional string nodeAffinityPolicy = 6; optional string nodeTaintsPolicy = 7; repeated string matchLabelKeys = 8; }
message PodOS { optional string name = 1; }
message PodSchedulingGate { optional string name = 1; }
message PodResourceClaim { optional string name = 1; optional string resourceClaimName = 3;
  optional string resourceClaimTemplateName = 4; }
message PodSchedulingGroup { optional string podGroupName = 1; }
message EvictionResponder { optional string name = 1; optional int32 priority = 2; }
message PodStatus { optional int64 observedGeneration = 17; optional string phase = 1;
  repeated PodCondition conditions = 2; optional string message = 3; optional string reason = 4;
  optional string nominatedNodeName = 11; optional string hostIP = 5; repeated HostIP hostIPs = 16;
  optional string podIP = 6; repeated PodIP podIPs = 12; optional Time startTime = 7;
  repeated ContainerStatus initContainerStatuses = 10; repeated ContainerStatus containerStatuses = 8;
  optional string qosClass = 9; repeated ContainerStatus ephemeralContainerStatuses = 13; optional string resize = 14;
  repeated PodResourceClaimStatus resourceClaimStatuses = 15;
  optional PodExtendedResourceClaimStatus extendedResourceClaimStatus = 18;
  map<string, Quantity> allocatedResources = 19; optional ResourceRequirements resources = 20;
  repeated NodeAllocatableResourceClaimStatus nodeAllocatableResourceClaimStatuses = 21;
  repeated PodVolumeHealth volumeHealth = 22; }
message PodCondition { optional string type = 1; optional int64 observedGeneration = 7; optional string status = 2;
  optional Time lastProbeTime = 3; optional Time lastTransitionTime = 4; optional string reason = 5;
  optional string message = 6; }
message HostIP { optional string ip = 1; }
message PodIP { optional string ip = 1; }
message ContainerStatus { optional string name = 1; optional ContainerState state = 2;
  optional ContainerState lastState = 3; optional bool ready = 4; optional int32 restartCount = 5;
  optional string image = 6; optional string imageID = 7; optional string containerID = 8; optional bool started = 9;
  map<string, Quantity> allocatedResources = 10; optional ResourceRequirements resources = 11;
  repeated VolumeMountStatus volumeMounts = 12; optional ContainerUser user = 13;
  repeated ResourceStatus allocatedResourcesStatus = 14; optional string stopSignal = 15; }
message ContainerState { optional ContainerStateWaiting waiting = 1; optional ContainerStateRunning running = 2;
  optional ContainerStateTerminated terminated = 3; }
message ContainerStateWaiting { optional string reason = 1; optional string message = 2; }
message ContainerStateRunning { optional Time startedAt = 1; }
message ContainerStateTerminated { optional int32 exitCode = 1; optional int32 signal = 2; optional string reason = 3;
  optional string message = 4; optional Time startedAt = 5; optional Time finishedAt = 6;
  optional string containerID = 7; }
message VolumeMountStatus { optional string name = 1; optional string mountPath = 2; optional bool readOnly = 3;
  optional string recursiveReadOnly = 4; optional VolumeStatus volumeStatus = 5; }
message VolumeStatus { optional ImageVolumeStatus image = 1; }
message ImageVolumeStatus { optional string imageRef = 1; }
message ContainerUser { optional LinuxContainerUser linux = 1; }
message LinuxContainerUser { optional int64 uid = 1; optional int64 gid = 2; repeated int64 supplementalGroups = 3; }
message ResourceStatus { optional string name = 1; repeated ResourceHealth resources = 2; }
message ResourceHealth { optional string resourceID = 1; optional string health = 2; optional string message = 6; }
message PodResourceClaimStatus { optional string name = 1; optional string resourceClaimName = 2; }
message PodExtendedResourceClaimStatus { repeated ContainerExtendedResourceRequest requestMappings = 1;
  optional string resourceClaimName = 2; }
message ContainerExtendedResourceRequest { optional string containerName = 1; optional string resourceName = 2;
  optional string requestName = 3; }
message NodeAllocatableResourceClaimStatus { optional string resourceClaimName = 1; repeated string containers = 2;
  repeated NodeAllocatableMappedResources mapping = 4; repeated NodeAllocatableOverheadResources overhead = 5; }
message NodeAllocatableMappedResources { optional string name = 1; optional Quantity quantity = 2; }
message NodeAllocatableOverheadResources { optional string name = 1; optional Quantity perPod = 2;
  optional Quantity perContainer = 3; }
message PodVolumeHealth { optional string name = 1; repeated VolumeHealthCondition healthConditions = 2;
  optional Time lastTransitionTime = 3; }
message VolumeHealthCondition { optional string status = 1; optional string reason = 2; optional string message = 3; }
message Node { optional ObjectMeta metadata = 1; optional NodeSpec spec = 2; optional NodeStatus status = 3; }
message NodeSpec { optional string podCIDR = 1; repeated string podCIDRs = 7; optional string providerID = 3;
  optional bool unschedulable = 4; repeated Taint taints = 5; optional NodeConfigSource configSource = 6;
  optional string externalID = 2; optional NodePodPreemptionPolicy podPreemptionPolicy = 8; }
message Taint { optional string key = 1; optional string value = 2; optional string effect = 3;
  optional Time timeAdded = 4; }
message NodeConfigSource { optional ConfigMapNodeConfigSource configMap = 2; }
message ConfigMapNodeConfigSource { optional string namespace = 1; optional string name = 2; optional string uid = 3;
  optional string resourceVersion = 4; optional string kubeletConfigKey = 5; }
message NodePodPreemptionPolicy { repeated string disableResizePreemption = 1; }
message NodeStatus { map<string, Quantity> capacity = 1; map<string, Quantity> allocatable = 2;
  optional string phase = 3; repeated NodeCondition conditions = 4; repeated NodeAddress addresses = 5;
  optional NodeDaemonEndpoints daemonEndpoints = 6; optional NodeSystemInfo nodeInfo = 7;
  repeated ContainerImage images = 8; repeated string volumesInUse = 9; repeated AttachedVolume volumesAttached = 10;
  optional NodeConfigStatus config = 11; repeated NodeRuntimeHandler runtimeHandlers = 12;
  optional NodeFeatures features = 13; repeated string declaredFeatures = 14; }
message NodeCondition { optional string type = 1; optional string status = 2; optional Time lastHeartbeatTime = 3;
  optional Time lastTransitionTime = 4; optional string reason = 5; optional string message = 6; }
message NodeAddress { optional string type = 1; optional string address = 2; }
message NodeDaemonEndpoints { optional DaemonEndpoint kubeletEndpoint = 1; }
message DaemonEndpoint { optional int32 Port = 1; }
message NodeSystemInfo { optional string machineID = 1; optional string systemUUID = 2; optional string bootID = 3;
  optional string kernelVersion = 4; optional string osImage = 5; optional string containerRuntimeVersion = 6;
  optional string kubeletVersion = 7; optional string kubeProxyVersion = 8; optional string operatingSystem = 9;
  optional string architecture = 10; optional NodeSwapStatus swap = 11; }
message NodeSwapStatus { optional int64 capacity = 1; }
message ContainerImage { repeated string names = 1; optional int64 sizeBytes = 2; }
message AttachedVolume { optional string name = 1; optional string devicePath = 2; }
message NodeConfigStatus { optional NodeConfigSource assigned = 1; optional NodeConfigSource active = 2;
  optional NodeConfigSource lastKnownGood = 3; optional string error = 4; }
message NodeRuntimeHandler { optional string name = 1; optional NodeRuntimeHandlerFeatures features = 2; }
message NodeRuntimeHandlerFeatures { optional bool recursiveReadOnlyMounts = 1; optional bool userNamespaces = 2; }
message NodeFeatures { optional bool supplementalGroupsPolicy = 1; }
message PodTemplateSpec { optional ObjectMeta metadata = 1; optional PodSpec spec = 2; }
message Deployment { optional ObjectMeta metadata = 1; optional DeploymentSpec spec = 2;
  optional DeploymentStatus status = 3; }
message DeploymentSpec { optional int32 replicas = 1; optional LabelSelector selector = 2;
  optional PodTemplateSpec template = 3; optional DeploymentStrategy strategy = 4; optional int32 minReadySeconds = 5;
  optional int32 revisionHistoryLimit = 6; optional bool paused = 7; optional int32 progressDeadlineSeconds = 9; }
message DeploymentStrategy { optional string type = 1; optional RollingUpdateDeployment rollingUpdate = 2; }
message RollingUpdateDeployment { optional IntOrString maxUnavailable = 1; optional IntOrString maxSurge = 2; }
message DeploymentStatus { optional int64 observedGeneration = 1; optional int32 replicas = 2;
  optional int32 updatedReplicas = 3; optional int32 readyReplicas = 7; optional int32 availableReplicas = 4;
  optional int32 unavailableReplicas = 5; optional int32 terminatingReplicas = 9;
  repeated DeploymentCondition conditions = 6; optional int32 collisionCount = 8; }
message DeploymentCondition { optional string type = 1; optional string status = 2; optional Time lastUpdateTime = 6;
  optional Time lastTransitionTime = 7; optional string reason = 4; optional string message = 5; }
message ReplicaSet { optional ObjectMeta metadata = 1; optional ReplicaSetSpec spec = 2;
  optional ReplicaSetStatus status = 3; }
message ReplicaSetSpec { optional int32 replicas = 1; optional int32 minReadySeconds = 4;
  optional LabelSelector selector = 2; optional PodTemplateSpec template = 3; }
message ReplicaSetStatus { optional int32 replicas = 1; optional int32 fullyLabeledReplicas = 2;
  optional int32 readyReplicas = 4; optional int32 availableReplicas = 5; optional int32 terminatingReplicas = 7;
  optional int64 observedGeneration = 3; repeated ReplicaSetCondition conditions = 6; }
message ReplicaSetCondition { optional string type = 1; optional string status = 2;
  optional Time lastTransitionTime = 3; optional string reason = 4; optional string message = 5; }
message DaemonSet { optional ObjectMeta metadata = 1; optional DaemonSetSpec spec = 2;
  optional DaemonSetStatus status = 3; }
message DaemonSetSpec { optional LabelSelector selector = 1; optional PodTemplateSpec template = 2;
  optional DaemonSetUpdateStrategy updateStrategy = 3; optional int32 minReadySeconds = 4;
  optional int32 revisionHistoryLimit = 6; }
message DaemonSetUpdateStrategy { optional string type = 1; optional RollingUpdateDaemonSet rollingUpdate = 2; }
message RollingUpdateDaemonSet { optional IntOrString maxUnavailable = 1; optional IntOrString maxSurge = 2; }
message DaemonSetStatus { optional int32 currentNumberScheduled = 1; optional int32 numberMisscheduled = 2;
  optional int32 desiredNumberScheduled = 3; optional int32 numberReady = 4; optional int64 observedGeneration = 5;
  optional int32 updatedNumberScheduled = 6; optional int32 numberAvailable = 7; optional int32 numberUnavailable = 8;
  optional int32 collisionCount = 9; repeated ReplicaSetCondition conditions = 10; }
message StatefulSet { optional ObjectMeta metadata = 1; optional StatefulSetSpec spec = 2;
  optional StatefulSetStatus status = 3; }
message StatefulSetSpec { optional int32 replicas = 1; optional LabelSelector selector = 2;
  optional PodTemplateSpec template = 3; repeated PersistentVolumeClaimTemplate volumeClaimTemplates = 4;
  optional string serviceName = 5; optional string podManagementPolicy = 6;
  optional StatefulSetUpdateStrategy updateStrategy = 7; optional int32 revisionHistoryLimit = 8;
  optional int32 minReadySeconds = 9;
  optional StatefulSetPersistentVolumeClaimRetentionPolicy persistentVolumeClaimRetentionPolicy = 10;
  optional StatefulSetOrdinals ordinals = 11; }
message StatefulSetUpdateStrategy { optional string type = 1; optional RollingUpdateStatefulSetStrategy rollingUpdate = 2; }
message RollingUpdateStatefulSetStrategy { optional int32 partition = 1; optional IntOrString maxUnavailable = 2; }
message StatefulSetPersistentVolumeClaimRetentionPolicy { optional string whenDeleted = 1; optional string whenScaled = 2; }
message StatefulSetOrdinals { optional int32 start = 1; }
message StatefulSetStatus { optional int64 observedGeneration = 1; optional int32 replicas = 2;
  optional int32 readyReplicas = 3; optional int32 currentReplicas = 4; optional int32 updatedReplicas = 5;
  optional string currentRevision = 6; optional string updateRevision = 7; optional int32 collisionCount = 9;
  repeated ReplicaSetCondition conditions = 10; optional int32 availableReplicas = 11; }
`;
/** Scalar fields that are pointers in Go: their zero value was meant when sent. */
export const WORKLOAD_POINTER_FIELDS = [
    'PodSpec.terminationGracePeriodSeconds', 'PodSpec.activeDeadlineSeconds', 'PodSpec.automountServiceAccountToken',
    'PodSpec.shareProcessNamespace', 'PodSpec.priority', 'PodSpec.runtimeClassName', 'PodSpec.enableServiceLinks',
    'PodSpec.preemptionPolicy', 'PodSpec.setHostnameAsFQDN', 'PodSpec.hostUsers', 'PodSpec.hostnameOverride',
    'HostPathVolumeSource.type', 'EmptyDirVolumeSource.mode', 'SecretVolumeSource.defaultMode',
    'SecretVolumeSource.optional', 'SecretVolumeSource.defaultUser', 'KeyToPath.mode', 'KeyToPath.user',
    'ISCSIVolumeSource.initiatorName', 'DownwardAPIVolumeSource.defaultMode', 'DownwardAPIVolumeSource.defaultUser',
    'DownwardAPIVolumeFile.mode', 'DownwardAPIVolumeFile.user', 'FCVolumeSource.lun',
    'ConfigMapVolumeSource.defaultMode', 'ConfigMapVolumeSource.optional', 'ConfigMapVolumeSource.defaultUser',
    'AzureDiskVolumeSource.cachingMode', 'AzureDiskVolumeSource.fsType', 'AzureDiskVolumeSource.readOnly',
    'AzureDiskVolumeSource.kind', 'ProjectedVolumeSource.defaultMode', 'ProjectedVolumeSource.defaultUser',
    'SecretProjection.optional', 'ConfigMapProjection.optional', 'ServiceAccountTokenProjection.expirationSeconds',
    'ServiceAccountTokenProjection.user', 'ClusterTrustBundleProjection.name',
    'ClusterTrustBundleProjection.signerName', 'ClusterTrustBundleProjection.optional',
    'ClusterTrustBundleProjection.user', 'PodCertificateProjection.maxExpirationSeconds',
    'PodCertificateProjection.user', 'CSIVolumeSource.readOnly', 'CSIVolumeSource.fsType',
    'PersistentVolumeClaimSpec.storageClassName', 'PersistentVolumeClaimSpec.volumeMode',
    'PersistentVolumeClaimSpec.volumeAttributesClassName', 'TypedLocalObjectReference.apiGroup',
    'TypedObjectReference.apiGroup', 'TypedObjectReference.namespace', 'Container.restartPolicy',
    'ConfigMapEnvSource.optional', 'SecretEnvSource.optional', 'ConfigMapKeySelector.optional',
    'SecretKeySelector.optional', 'FileKeySelector.optional', 'VolumeMount.recursiveReadOnly',
    'VolumeMount.mountPropagation', 'Probe.terminationGracePeriodSeconds', 'HTTPGetAction.protocol',
    'GRPCAction.service', 'GRPCAction.mode', 'Lifecycle.stopSignal', 'SecurityContext.privileged',
    'SecurityContext.runAsUser', 'SecurityContext.runAsGroup', 'SecurityContext.runAsNonRoot',
    'SecurityContext.readOnlyRootFilesystem', 'SecurityContext.allowPrivilegeEscalation', 'SecurityContext.procMount',
    'WindowsSecurityContextOptions.gmsaCredentialSpecName', 'WindowsSecurityContextOptions.gmsaCredentialSpec',
    'WindowsSecurityContextOptions.runAsUserName', 'WindowsSecurityContextOptions.hostProcess',
    'SeccompProfile.localhostProfile', 'AppArmorProfile.localhostProfile',
    'PodSecurityContext.runAsUser', 'PodSecurityContext.runAsGroup', 'PodSecurityContext.runAsNonRoot',
    'PodSecurityContext.supplementalGroupsPolicy', 'PodSecurityContext.fsGroup',
    'PodSecurityContext.fsGroupChangePolicy', 'PodSecurityContext.seLinuxChangePolicy', 'Toleration.tolerationSeconds',
    'PodDNSConfigOption.value', 'TopologySpreadConstraint.minDomains', 'TopologySpreadConstraint.nodeAffinityPolicy',
    'TopologySpreadConstraint.nodeTaintsPolicy', 'PodResourceClaim.resourceClaimName',
    'PodResourceClaim.resourceClaimTemplateName', 'PodSchedulingGroup.podGroupName', 'EvictionResponder.priority',
    'ContainerStatus.started', 'ContainerStatus.stopSignal', 'VolumeMountStatus.recursiveReadOnly',
    'ResourceHealth.message', 'PodResourceClaimStatus.resourceClaimName', 'NodeSwapStatus.capacity',
    'NodeRuntimeHandlerFeatures.recursiveReadOnlyMounts', 'NodeRuntimeHandlerFeatures.userNamespaces',
    'NodeFeatures.supplementalGroupsPolicy', 'DeploymentSpec.replicas', 'DeploymentSpec.revisionHistoryLimit',
    'DeploymentSpec.progressDeadlineSeconds', 'DeploymentStatus.terminatingReplicas',
    'DeploymentStatus.collisionCount', 'ReplicaSetSpec.replicas', 'ReplicaSetStatus.terminatingReplicas',
    'DaemonSetSpec.revisionHistoryLimit', 'DaemonSetStatus.collisionCount', 'StatefulSetSpec.replicas',
    'StatefulSetSpec.revisionHistoryLimit', 'RollingUpdateStatefulSetStrategy.partition', 'StatefulSetStatus.collisionCount',
];
/** Embedded Go structs: their fields stand in the parent's JSON object, not under a name of their own. */
export const INLINE_FIELDS = [
    'Volume.volumeSource', 'ConfigMapVolumeSource.localObjectReference', 'SecretProjection.localObjectReference',
    'ConfigMapProjection.localObjectReference', 'ConfigMapEnvSource.localObjectReference',
    'SecretEnvSource.localObjectReference', 'ConfigMapKeySelector.localObjectReference',
    'SecretKeySelector.localObjectReference', 'Probe.handler', 'EphemeralContainer.ephemeralContainerCommon',
];
//# sourceMappingURL=protobuf-workloads.js.map