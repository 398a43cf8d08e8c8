/**
 * Goals a task step asks the lab to check on the live simulation, discriminated on `type`.
 * The zod schema is the single source: the TypeScript type, the loader's structure check
 * and `lessons/lesson.schema.json` all come from it.
 */
import { z } from 'zod';

/** A pod as a lesson names it: `web`, `pod/web` or `namespace/web`. */
const podRef = z.string().min(1).describe('A pod: "web", "pod/web" or "namespace/web".');
/** A trace endpoint: a pod (`web`, `pod/web`), a node (`node/node-1`) or, for `to`, an IP. */
const endpointRef = z
  .string()
  .min(1)
  .describe('A pod ("web", "pod/web"), a node ("node/node-1") or, as a destination, an IPv4 address.');
const protocol = z.enum(['icmp', 'tcp', 'udp', 'sctp']);

const goal = <T extends string, S extends z.core.$ZodLooseShape>(type: T, description: string, shape: S) =>
  z.strictObject({ type: z.literal(type), ...shape }).describe(description);

export const PodHasIpInGoalSchema = goal('podHasIpIn', 'The pod has an IP inside `cidr`.', {
  pod: podRef,
  cidr: z.string().describe('An IPv4 CIDR, e.g. "10.244.1.0/24".'),
});
export const PodRunningGoalSchema = goal('podRunning', 'The pod exists and is Running.', { pod: podRef });
export const PodPendingGoalSchema = goal(
  'podPending',
  'The pod exists and is Pending (optionally with a message).',
  {
    pod: podRef,
    messageIncludes: z
      .string()
      .min(1)
      .optional()
      .describe('Text the pod’s message must contain (case-insensitive).'),
  },
);
export const TraceDeliveredGoalSchema = goal(
  'traceDelivered',
  'The latest trace from `from` to `to` (and `protocol`, when given) was delivered.',
  { from: endpointRef, to: endpointRef, protocol: protocol.optional() },
);
export const TraceDroppedGoalSchema = goal(
  'traceDropped',
  'The latest matching trace was dropped (optionally with a reason containing the text).',
  {
    from: endpointRef.optional(),
    to: endpointRef.optional(),
    reasonIncludes: z
      .string()
      .min(1)
      .optional()
      .describe('Text the drop reason must contain (case-insensitive).'),
  },
);
export const TracePassedDeviceGoalSchema = goal(
  'tracePassedDevice',
  'The latest matching trace went through `device` (on `node`, when given).',
  {
    from: endpointRef.optional(),
    to: endpointRef.optional(),
    device: z
      .string()
      .min(1)
      .describe('A device name, e.g. "cni0", "flannel.1"; a trailing * matches a prefix ("veth*").'),
    node: z.string().min(1).optional().describe('The node the device must be on.'),
  },
);
export const TraceEncapsulatedGoalSchema = goal(
  'traceEncapsulated',
  'The latest matching trace was encapsulated (VXLAN or IP-in-IP) on some hop.',
  {
    from: endpointRef.optional(),
    to: endpointRef.optional(),
    kind: z.enum(['vxlan', 'ipip']).optional(),
    vni: z.int().min(0).max(16777215).optional().describe('The VXLAN network identifier (flannel uses 1).'),
  },
);
export const TraceArrivedWithSourceIpGoalSchema = goal(
  'traceArrivedWithSourceIp',
  'The latest trace from `from` to `to` was delivered and still carried the sender pod’s IP as source (no NAT).',
  { from: endpointRef, to: endpointRef },
);
export const ActionFailedGoalSchema = goal(
  'actionFailed',
  'An action the student took failed with an error containing the text (message or code).',
  {
    command: z
      .string()
      .min(1)
      .optional()
      .describe('The command type that must have failed, e.g. "schedulePod" (`type` names the goal itself).'),
    messageIncludes: z
      .string()
      .min(1)
      .describe('Text the error message or code must contain (case-insensitive).'),
  },
);
export const NodeHasRouteGoalSchema = goal(
  'nodeHasRoute',
  'The node’s routing table has a route containing the text.',
  {
    node: z.string().min(1),
    routeIncludes: z
      .string()
      .min(1)
      .describe('Text a route line must contain, e.g. "10.244.2.0/24 via 192.168.56.12".'),
  },
);

/** Where a terminal line ran: the workstation, a node or a pod (as an exec action's `on`). */
const placeRef = z
  .string()
  .regex(/^(kubectl|node\/[^/\s]+|pod\/([^/\s]+\/)?[^/\s]+)$/)
  .describe('"kubectl" (the workstation), "node/NAME" or "pod/NAME" (a pod’s shell or kubectl exec).');
export const CommandRunGoalSchema = goal(
  'commandRun',
  'The student ran a terminal line containing the text (at `on`, when given).',
  {
    on: placeRef.optional(),
    commandIncludes: z.string().min(1).describe('Text the line must contain, e.g. "ss -lnt".'),
  },
);
export const CommandOutputGoalSchema = goal(
  'commandOutput',
  'A terminal line (containing `commandIncludes`, at `on`, when given) printed output containing the text.',
  {
    on: placeRef.optional(),
    commandIncludes: z.string().min(1).optional(),
    outputIncludes: z
      .string()
      .min(1)
      .describe(
        'Text the output must contain (case-insensitive, blanks collapsed), e.g. "dev flannel.1 onlink".',
      ),
  },
);

/** A goal: a condition on the live simulation, discriminated on `type`. */
export type Goal =
  | z.infer<typeof PodHasIpInGoalSchema>
  | z.infer<typeof PodRunningGoalSchema>
  | z.infer<typeof PodPendingGoalSchema>
  | z.infer<typeof TraceDeliveredGoalSchema>
  | z.infer<typeof TraceDroppedGoalSchema>
  | z.infer<typeof TracePassedDeviceGoalSchema>
  | z.infer<typeof TraceEncapsulatedGoalSchema>
  | z.infer<typeof TraceArrivedWithSourceIpGoalSchema>
  | z.infer<typeof ActionFailedGoalSchema>
  | z.infer<typeof NodeHasRouteGoalSchema>
  | z.infer<typeof CommandRunGoalSchema>
  | z.infer<typeof CommandOutputGoalSchema>
  | { type: 'all'; goals: Goal[] }
  | { type: 'any'; goals: Goal[] };

export const GoalSchema: z.ZodType<Goal> = z
  .discriminatedUnion('type', [
    PodHasIpInGoalSchema,
    PodRunningGoalSchema,
    PodPendingGoalSchema,
    TraceDeliveredGoalSchema,
    TraceDroppedGoalSchema,
    TracePassedDeviceGoalSchema,
    TraceEncapsulatedGoalSchema,
    TraceArrivedWithSourceIpGoalSchema,
    ActionFailedGoalSchema,
    NodeHasRouteGoalSchema,
    CommandRunGoalSchema,
    CommandOutputGoalSchema,
    z
      .strictObject({
        type: z.literal('all'),
        get goals() {
          return z.array(GoalSchema).min(1);
        },
      })
      .describe('Every goal in `goals` is met.'),
    z
      .strictObject({
        type: z.literal('any'),
        get goals() {
          return z.array(GoalSchema).min(1);
        },
      })
      .describe('At least one goal in `goals` is met.'),
  ])
  .meta({ id: 'Goal' });

/** Every goal type, for messages and docs. */
export const GOAL_TYPES = [
  'podHasIpIn',
  'podRunning',
  'podPending',
  'traceDelivered',
  'traceDropped',
  'tracePassedDevice',
  'traceEncapsulated',
  'traceArrivedWithSourceIp',
  'actionFailed',
  'nodeHasRoute',
  'commandRun',
  'commandOutput',
  'all',
  'any',
] as const satisfies readonly Goal['type'][];
