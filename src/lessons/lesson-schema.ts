/**
 * The lesson format (one JSON file per lesson in `lessons/`). This zod schema checks the
 * structure; `validate-lesson.ts` checks the meaning (the cluster and the solution through
 * the engine's own parsers, references, CIDRs, duplicates). `lessons/lesson.schema.json` is
 * generated from it by `scripts/gen-lesson-schema.ts`.
 */
import { z } from 'zod';
import { GoalSchema } from './goal-schema.ts';
import { KEBAB_ID, LESSON_SCHEMA_VERSION } from './lesson-ids.ts';

export { KEBAB_ID, LESSON_SCHEMA_VERSION };

const NO_BIDI = /^[^\u202A-\u202E\u2066-\u2069]*$/;
const kebabId = z.string().regex(KEBAB_ID, {
  error: 'must be kebab-case: lowercase letters, digits and single dashes, e.g. "flannel-vxlan"',
});

/** A graph element to highlight: `node/NAME`, `pod/NAME` or `device/NODE/DEVICE`. */
export const HIGHLIGHT_REF = /^(node\/[^/\s]+|pod\/[^\s]+|device\/[^/\s]+\/[^/\s]+)$/;
const highlightRef = z.string().regex(HIGHLIGHT_REF, {
  error:
    'must name a graph element: "node/NAME", "pod/NAME" or "device/NODE/DEVICE" (e.g. "device/node-1/cni0")',
});

/** Longest lesson and step title; a title is one line on the course page and above a step. */
export const MAX_TITLE_CHARS = 120;
/** Longest lesson summary (a short paragraph on the course page). */
export const MAX_SUMMARY_CHARS = 400;

/**
 * A title or summary: short, and free of bidirectional control characters, which can make a
 * title read as another (the text shown in a different order than it is written).
 */
function shortText(max: number) {
  return z.string().min(1).max(max).regex(NO_BIDI, {
    error:
      'holds a bidirectional control character (U+202A to U+202E or U+2066 to U+2069), which shows text in another order than it is written: remove it',
  });
}

const markdown = z
  .string()
  .min(1)
  .describe('Markdown. Raw HTML is not rendered; only http(s) and "#/" links are live.');
const hints = z.array(z.string().min(1)).optional().describe('Hints, revealed one at a time (Markdown).');

const shuffle = z
  .boolean()
  .optional()
  .describe(
    'The choices are shown in an order shuffled per student (stable across visits); false keeps the written order, e.g. for "all of the above" or a natural sequence.',
  );

const stepBase = { id: kebabId, title: shortText(MAX_TITLE_CHARS), body: markdown, hints };

export const NarrativeStepSchema = z
  .strictObject({
    type: z.literal('narrative'),
    ...stepBase,
    highlight: z
      .array(highlightRef)
      .optional()
      .describe('Graph elements to highlight while this step is shown.'),
  })
  .describe('Text to read, with graph elements highlighted.');

export const TaskStepSchema = z
  .strictObject({ type: z.literal('task'), ...stepBase, goal: GoalSchema })
  .describe('Something to do; the lab checks `goal` on the live simulation after every action.');

export const QuizChoiceSchema = z.strictObject({
  id: kebabId,
  text: z.string().min(1),
  correct: z.boolean(),
  explanation: z.string().min(1).describe('Shown after answering: why this choice is right or wrong.'),
});

export const QuizStepSchema = z
  .strictObject({
    type: z.literal('quiz'),
    ...stepBase,
    choices: z.array(QuizChoiceSchema).min(2),
    multiple: z.boolean().optional().describe('true when several choices are correct (checkboxes).'),
    shuffle,
  })
  .describe(
    'A question with one (or, with `multiple`, several) right answers and an explanation per choice.',
  );

export const TraceRequestSchema = z.strictObject({
  from: z.string().min(1).describe('"pod/NAME", "NAME" or "node/NAME".'),
  to: z.string().min(1).describe('A pod name or an IPv4 address.'),
  protocol: z.enum(['icmp', 'tcp', 'udp', 'sctp']),
  port: z.int().min(1).max(65535).optional(),
});

export const PredictAskSchema = z.strictObject({
  kind: z.enum(['nextHopDevice', 'ip', 'ttl']),
  hop: z
    .int()
    .min(0)
    .describe(
      'Index into the trace’s request hops, 0 = the first hop. The player and every message count hops from 1 ("Hop 3 of 7" is index 2): write the hop number in the step’s text as index + 1.',
    ),
  field: z
    .enum(['src', 'dst'])
    .optional()
    .describe('For kind "ip": which address of the packet’s IP header.'),
});

export const PredictStepSchema = z
  .strictObject({
    type: z.literal('predict'),
    ...stepBase,
    trace: TraceRequestSchema,
    ask: PredictAskSchema,
    choices: z.array(z.string().min(1)).min(2).optional(),
    shuffle,
    answer: z.string().min(1).describe('The value the trace shows at that hop (device name, IP or TTL).'),
    explanation: z.string().min(1),
  })
  .describe('The student predicts a device, an IP or a TTL at a hop; then the trace reveals it.');

export const StepSchema = z
  .discriminatedUnion('type', [NarrativeStepSchema, TaskStepSchema, QuizStepSchema, PredictStepSchema])
  .meta({ id: 'Step' });

const cidr = z.string().describe('An IPv4 CIDR, e.g. "10.244.0.0/16".');

/** host-local's options as the bridge network takes them (the engine checks them fully). */
const hostLocalIpam = z.looseObject({
  ranges: z
    .array(
      z.array(
        z.looseObject({
          subnet: cidr.optional().describe("Omitted: the node's podCIDR."),
          rangeStart: z.string().optional(),
          rangeEnd: z.string().optional(),
          gateway: z.string().optional(),
        }),
      ),
    )
    .optional()
    .describe('Range sets: one address per set; each set a list of ranges.'),
  routes: z.array(z.looseObject({ dst: cidr, gw: z.string().optional() })).optional(),
});

/** The cluster spec, described loosely: the engine's `parseClusterSpec` validates it fully. */
export const ClusterSchema = z
  .looseObject({
    clusterCIDR: cidr.optional(),
    nodeCIDRMaskSize: z.int().min(0).max(32).optional(),
    serviceCIDR: cidr.optional(),
    underlayCIDR: cidr.optional(),
    network: z
      .looseObject({
        plugin: z.enum(['bridge', 'flannel', 'calico', 'weave']),
        ipam: hostLocalIpam.optional().describe("bridge: host-local's options in every node's conflist."),
      })
      .optional()
      .describe(
        'The network plugin and its options (e.g. flannel "backend", calico "mode", bridge "isGateway" or "ipam": host-local\'s "ranges" and "routes").',
      ),
    nodes: z
      .array(
        z.looseObject({
          name: z.string(),
          ip: z.string().optional(),
          ipam: hostLocalIpam
            .optional()
            .describe("The node's own host-local options (bridge network), in place of network.ipam."),
        }),
      )
      .optional(),
    pods: z
      .array(
        z.looseObject({
          name: z.string(),
          namespace: z.string().optional(),
          node: z.string().optional(),
          labels: z.record(z.string(), z.string()).optional(),
          containers: z.array(z.looseObject({ name: z.string() })).optional(),
          hostNetwork: z
            .boolean()
            .optional()
            .describe("Run in the node's network namespace: no CNI call, the node's IP as the pod's."),
        }),
      )
      .optional(),
    namespaces: z
      .array(z.looseObject({ name: z.string(), labels: z.record(z.string(), z.string()).optional() }))
      .optional()
      .describe(
        'Namespaces with labels, for policies’ namespaceSelector (others exist when a pod uses them).',
      ),
  })
  .describe('The starting cluster, the same spec as the runner’s scenario files.');

/** The runner's command types, as the schema's examples for a solution command's `type`. */
export const SOLUTION_COMMAND_TYPES: readonly string[] = [
  'addNode',
  'removeNode',
  'schedulePod',
  'deletePod',
  'labelPod',
  'createNamespace',
  'labelNamespace',
  'addRoute',
  'deleteRoute',
  'applyNetworkPolicy',
  'deleteNetworkPolicy',
  'trace',
  'exec',
];

/** A command of the solution, described loosely: the engine's `parseCommand` validates it fully. */
export const SolutionCommandSchema = z
  .looseObject({
    type: z
      .string()
      .min(1)
      .meta({ examples: [...SOLUTION_COMMAND_TYPES] }),
  })
  .describe(
    'An action, exactly as the runner takes it, e.g. {"type":"trace","from":"pod/a","to":"b","protocol":"icmp"} or a terminal line {"type":"exec","on":"node/node-1","command":"ip route"}.',
  );

export const LessonSchema = z
  .strictObject({
    $schema: z.string().optional().describe('"./lesson.schema.json" gives editors completion and checks.'),
    schemaVersion: z.literal(LESSON_SCHEMA_VERSION),
    id: kebabId,
    title: shortText(MAX_TITLE_CHARS),
    summary: shortText(MAX_SUMMARY_CHARS),
    seed: z
      .int()
      .min(0)
      .max(4294967295)
      .describe('Seeds the simulation (MACs, names): the same seed gives the same lab.'),
    cluster: ClusterSchema,
    steps: z.array(StepSchema).min(1),
    solution: z
      .array(SolutionCommandSchema)
      .describe('Actions that, replayed in order, meet every task goal.'),
  })
  .meta({ title: 'Pod Network Lab lesson' });

export type LessonInput = z.infer<typeof LessonSchema>;
export type Step = z.infer<typeof StepSchema>;
export type NarrativeStep = z.infer<typeof NarrativeStepSchema>;
export type TaskStep = z.infer<typeof TaskStepSchema>;
export type QuizStep = z.infer<typeof QuizStepSchema>;
export type PredictStep = z.infer<typeof PredictStepSchema>;
export type PredictAsk = z.infer<typeof PredictAskSchema>;
export type TraceRequest = z.infer<typeof TraceRequestSchema>;
export type ClusterInput = z.infer<typeof ClusterSchema>;
export type SolutionCommandInput = z.infer<typeof SolutionCommandSchema>;

/** The JSON Schema of a lesson file (draft 2020-12), as committed in `lessons/lesson.schema.json`. */
export function createLessonJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(LessonSchema, { io: 'input', target: 'draft-2020-12' });
}

/** The committed file's exact text: `npx tsx scripts/gen-lesson-schema.ts` writes it. */
export function renderLessonJsonSchema(): string {
  return `${JSON.stringify(createLessonJsonSchema(), null, 2)}\n`;
}
