// The batch/v1 messages of Jobs and CronJobs for ./protobuf.ts (`kubectl create job|cronjob` sends
// them): names, types and field numbers as k8s.io/api batch/v1 generated.proto numbers them on the
// wire. Data only; the decoding is protobuf.ts's, and the Pod template's messages are the workloads'.
export const BATCH_PROTO = `
message Job { optional ObjectMeta metadata = 1; optional JobSpec spec = 2; optional JobStatus status = 3; }
message JobSpec { optional int32 parallelism = 1; optional int32 completions = 2;
  optional int64 activeDeadlineSeconds = 3; optional PodFailurePolicy podFailurePolicy = 11;
  optional SuccessPolicy successPolicy = 16; optional int32 backoffLimit = 7; optional int32 backoffLimitPerIndex = 12;
  optional int32 maxFailedIndexes = 13; optional LabelSelector selector = 4; optional bool manualSelector = 5;
  optional PodTemplateSpec template = 6; optional int32 ttlSecondsAfterFinished = 8; optional string completionMode = 9;
  optional bool suspend = 10; optional string podReplacementPolicy = 14; optional string managedBy = 15; }
message JobStatus { repeated JobCondition conditions = 1; optional Time startTime = 2; optional Time completionTime = 3;
  optional int32 active = 4; optional int32 succeeded = 5; optional int32 failed = 6; optional int32 terminating = 11;
  optional string completedIndexes = 7; optional string failedIndexes = 10;
  optional UncountedTerminatedPods uncountedTerminatedPods = 8; optional int32 ready = 9; }
message JobCondition { optional string type = 1; optional string status = 2; optional Time lastProbeTime = 3;
  optional Time lastTransitionTime = 4; optional string reason = 5; optional string message = 6; }
message UncountedTerminatedPods { repeated string succeeded = 1; repeated string failed = 2; }
message PodFailurePolicy { repeated PodFailurePolicyRule rules = 1; }
message PodFailurePolicyRule { optional string action = 1; optional PodFailurePolicyOnExitCodesRequirement onExitCodes = 2;
  repeated PodFailurePolicyOnPodConditionsPattern onPodConditions = 3; }
message PodFailurePolicyOnExitCodesRequirement { optional string containerName = 1; optional string operator = 2;
  repeated int32 values = 3; }
message PodFailurePolicyOnPodConditionsPattern { optional string type = 1; optional string status = 2; }
message SuccessPolicy { repeated SuccessPolicyRule rules = 1; }
message SuccessPolicyRule { optional string succeededIndexes = 1; optional int32 succeededCount = 2; }
message JobTemplateSpec { optional ObjectMeta metadata = 1; optional JobSpec spec = 2; }
message CronJob { optional ObjectMeta metadata = 1; optional CronJobSpec spec = 2; optional CronJobStatus status = 3; }
message CronJobSpec { optional string schedule = 1; optional string timeZone = 8; optional int64 startingDeadlineSeconds = 2;
  optional string concurrencyPolicy = 3; optional bool suspend = 4; optional JobTemplateSpec jobTemplate = 5;
  optional int32 successfulJobsHistoryLimit = 6; optional int32 failedJobsHistoryLimit = 7; }
message CronJobStatus { repeated ObjectReference active = 1; optional Time lastScheduleTime = 4;
  optional Time lastSuccessfulTime = 5; }
`;
/** Scalar fields that are pointers in Go: their zero value was meant when sent. */
export const BATCH_POINTER_FIELDS = [
    'JobSpec.parallelism', 'JobSpec.completions', 'JobSpec.activeDeadlineSeconds', 'JobSpec.backoffLimit',
    'JobSpec.backoffLimitPerIndex', 'JobSpec.maxFailedIndexes', 'JobSpec.manualSelector', 'JobSpec.ttlSecondsAfterFinished',
    'JobSpec.completionMode', 'JobSpec.suspend', 'JobSpec.podReplacementPolicy', 'JobSpec.managedBy', 'JobStatus.terminating',
    'JobStatus.ready', 'PodFailurePolicyOnExitCodesRequirement.containerName', 'SuccessPolicyRule.succeededIndexes',
    'SuccessPolicyRule.succeededCount', 'CronJobSpec.timeZone', 'CronJobSpec.startingDeadlineSeconds', 'CronJobSpec.suspend',
    'CronJobSpec.successfulJobsHistoryLimit', 'CronJobSpec.failedJobsHistoryLimit',
];
//# sourceMappingURL=protobuf-batch.js.map