/**
 * The one size policy for every way a cluster comes in (a lesson, a sandbox link, a runner
 * scenario, saved state): Kubernetes' documented limits for one cluster ("Considerations for
 * large clusters": at most 5,000 nodes and 150,000 pods). The README's "Limits" section
 * states them; a test keeps the two in step.
 */
export const MAX_CLUSTER_NODES = 5000;
export const MAX_CLUSTER_PODS = 150_000;
