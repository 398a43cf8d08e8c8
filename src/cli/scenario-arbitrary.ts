/**
 * fast-check generators for hostile runner input: scenarios of valid and invalid shapes,
 * names that are Object.prototype properties, unicode, huge numbers, long strings, long
 * action lists in random orders. The runner's fuzz property, `npm run fuzz` and the store's
 * fuzz test all draw from here.
 */
import fc from 'fast-check';

/** Names a user may type: ordinary, hostile to plain objects, invalid, unicode, long. */
export const HOSTILE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'] as const;

const ordinaryNames = ['node-1', 'node-2', 'node-3', 'web', 'db', 'a', 'b', 'default', 'kube-system', 'cni0'];

/** A valid name from a small pool (so commands hit the same objects), `constructor` included. */
export const validNameArb: fc.Arbitrary<string> = fc.constantFrom(
  ...ordinaryNames.slice(0, 7),
  'constructor',
);

/** A name: mostly from a small pool, sometimes hostile, invalid, unicode or long. */
export const wildNameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ordinaryNames) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 250, maxLength: 400 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', 'Node_1', 'ns/web', 'node/node-1', 'pod/web', '💥', 'a'.repeat(254)),
  },
);

/** Any JSON value, shallow, for fields that get the wrong type. */
export const junkArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e300, -1e300, 2 ** 53, 1.5, Number.MAX_SAFE_INTEGER),
  fc.string({ maxLength: 20 }),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom(...HOSTILE_NAMES, 'x'), fc.integer(), { maxKeys: 2 }),
);

const namespaceArb = fc.constantFrom('default', 'kube-system', 'constructor');

/** Names as commands get them: valid nine times in ten. */
export const nameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 9, arbitrary: validNameArb },
  { weight: 1, arbitrary: wildNameArb },
);

const ipArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '192.168.56.1',
    '192.168.56.11',
    '192.168.56.12',
    '192.168.56.200',
    '10.244.1.0',
    '999.1.1.1',
    '',
  ),
  fc.ipV4(),
);
const cidrArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('10.244.1.0/24', '10.99.0.0/16', '0.0.0.0/0', '10.244.0.5/24', '10.0.0.0/33', 'x/24'),
  fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([ip, p]) => `${ip}/${p}`),
);
const labelsArb = fc.dictionary(
  fc.oneof(fc.constantFrom('app', 'tier', ...HOSTILE_NAMES), wildNameArb),
  fc.oneof(fc.constantFrom('web', 'db', 'constructor', 'toString'), wildNameArb),
  { maxKeys: 3, noNullPrototype: true },
);
const endpointArb = fc.oneof(
  nameArb,
  nameArb.map((n) => `node/${n}`),
  nameArb.map((n) => `pod/${n}`),
  ipArb,
);

const policyArb = fc.record(
  {
    apiVersion: fc.constantFrom('networking.k8s.io/v1', 'v1'),
    kind: fc.constantFrom('NetworkPolicy', 'Pod'),
    metadata: fc.record({ name: nameArb, namespace: nameArb }, { requiredKeys: ['name'] }),
    spec: fc.record(
      {
        podSelector: fc.oneof(fc.constant({}), fc.record({ matchLabels: labelsArb })),
        policyTypes: fc.subarray(['Ingress', 'Egress']),
        ingress: fc.array(
          fc.record({ from: fc.array(fc.record({ podSelector: fc.record({ matchLabels: labelsArb }) })) }),
          {
            maxLength: 2,
          },
        ),
      },
      { requiredKeys: ['podSelector'] },
    ),
  },
  { requiredKeys: ['metadata', 'spec'] },
);

/** Well-formed commands (their values may still be refused by the engine). */
export const commandArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('addNode'), name: nameArb }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('addNode'), name: nameArb, ip: ipArb }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('removeNode'), name: nameArb }) },
  {
    weight: 6,
    arbitrary: fc.record(
      {
        type: fc.constant('schedulePod'),
        name: nameArb,
        namespace: namespaceArb,
        node: nameArb,
        labels: labelsArb,
      },
      { requiredKeys: ['type', 'name'], noNullPrototype: true },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        type: fc.constant('schedulePod'),
        name: nameArb,
        node: nameArb,
        hostNetwork: fc.boolean(),
        containers: fc.array(
          fc.record(
            {
              name: nameArb,
              ports: fc.array(
                fc.record(
                  { containerPort: fc.constantFrom(80, 9100), hostPort: fc.constantFrom(80, 9100) },
                  { requiredKeys: ['containerPort'] },
                ),
                { maxLength: 2 },
              ),
            },
            { requiredKeys: ['name'] },
          ),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: ['type', 'name', 'hostNetwork'], noNullPrototype: true },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        type: fc.constant('schedulePod'),
        name: nameArb,
        containers: fc.array(
          fc.record(
            {
              name: nameArb,
              ports: fc.array(
                fc.record(
                  {
                    containerPort: fc.integer({ min: -1, max: 70000 }),
                    protocol: fc.constantFrom('TCP', 'UDP', 'TCP', 'SCTP'),
                  },
                  { requiredKeys: ['containerPort'] },
                ),
                { maxLength: 2 },
              ),
            },
            { requiredKeys: ['name'] },
          ),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: ['type', 'name', 'containers'] },
    ),
  },
  {
    weight: 3,
    arbitrary: fc.record(
      { type: fc.constant('deletePod'), name: nameArb, namespace: nameArb },
      { requiredKeys: ['type', 'name'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        type: fc.constant('labelPod'),
        name: nameArb,
        namespace: nameArb,
        labels: labelsArb,
        remove: fc.array(fc.constantFrom('app', 'role', 'tier', '__proto__', 'constructor'), {
          maxLength: 2,
        }),
        overwrite: fc.boolean(),
      },
      { requiredKeys: ['type', 'name'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('addRoute'), node: nameArb, dst: cidrArb, via: ipArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      { type: fc.constant('deleteRoute'), node: nameArb, dst: cidrArb, via: ipArb },
      { requiredKeys: ['type', 'node', 'dst'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('deleteInterface'),
      node: nameArb,
      name: fc.oneof(nameArb, fc.constantFrom('cni0', 'flannel.1', 'eth0', 'weave', 'vxlan.calico', 'tunl0')),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('applyNetworkPolicy'), policy: fc.oneof(policyArb, junkArb) }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      { type: fc.constant('deleteNetworkPolicy'), name: nameArb, namespace: nameArb },
      { requiredKeys: ['type', 'name'] },
    ),
  },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        type: fc.constant('trace'),
        from: endpointArb,
        to: endpointArb,
        protocol: fc.constantFrom('icmp', 'tcp', 'udp', 'sctp'),
        port: fc.integer({ min: 1, max: 65535 }),
        size: fc.integer({ min: 0, max: 9000 }),
        ttl: fc.integer({ min: 1, max: 255 }),
      },
      { requiredKeys: ['type', 'from', 'to', 'protocol'] },
    ),
  },
);

/** A command, sometimes broken: a wrong type, a misspelt or hostile key, junk, an array. */
export const anyCommandArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 40, arbitrary: commandArb },
  {
    weight: 1,
    arbitrary: fc
      .tuple(commandArb, fc.constantFrom('nmae', 'nod', 'constructor', 'toString', 'typ', 'extra'), junkArb)
      .map(([c, k, v]) => ({ ...c, [k]: v })),
  },
  {
    weight: 1,
    arbitrary: commandArb.map(
      (c) => JSON.parse(JSON.stringify(c).replace('"type"', '"__proto__":{},"type"')) as unknown,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.oneof(fc.constantFrom('addnode', 'exec', 'constructor', '__proto__'), junkArb),
    }),
  },
  { weight: 1, arbitrary: junkArb },
);

const networkArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ plugin: 'bridge' }) },
  {
    weight: 1,
    arbitrary: fc.record({
      plugin: fc.constant('bridge'),
      cni: fc.constantFrom('bridge', 'ptp', 'macvlan'),
      ipMasq: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ plugin: fc.constant('flannel'), backend: fc.constantFrom('vxlan', 'host-gw') }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ plugin: fc.constant('calico'), mode: fc.constantFrom('ipip', 'vxlan', 'none') }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      plugin: fc.constant('weave'),
      encapsulation: fc.constantFrom('fastdp', 'sleeve'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.constant({}), fc.record({ plugin: fc.constantFrom('flanel', 'cilium') }), junkArb),
  },
);

/** A valid cluster spec: small ranges often, so exhaustion and wrap-around happen. */
export const validClusterArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    network: networkArb.filter(
      (n) =>
        typeof n === 'object' &&
        n !== null &&
        'plugin' in n &&
        ['bridge', 'flannel', 'calico', 'weave'].includes(String((n as { plugin: unknown }).plugin)),
    ),
    clusterCIDR: fc.constantFrom('10.244.0.0/16', '10.9.0.0/26', '10.244.7.9/16', '172.16.0.0/16'),
    nodeCIDRMaskSize: fc.constantFrom(24, 28, 29),
    underlayCIDR: fc.constantFrom('192.168.56.0/24', '192.168.56.0/28'),
    nodes: fc.uniqueArray(validNameArb, { maxLength: 4 }).map((names) => names.map((name) => ({ name }))),
    pods: fc
      .uniqueArray(fc.constantFrom('web', 'db', 'a', 'b', 'constructor'), { maxLength: 3 })
      .map((names) => names.map((name) => ({ name }))),
  },
  { requiredKeys: ['network', 'nodes'] },
);

/** Any cluster spec: a valid one mostly, wild values sometimes. */
export const clusterArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 6, arbitrary: validClusterArb },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        network: networkArb,
        clusterCIDR: fc.constantFrom(
          '10.244.0.0/16',
          '10.9.0.0/26',
          '10.244.7.9/16',
          '10.9.0.0/8',
          '172.16.0.0/16',
        ),
        nodeCIDRMaskSize: fc.oneof(fc.constantFrom(24, 26, 28, 29), fc.integer({ min: -1, max: 40 })),
        underlayCIDR: fc.constantFrom('192.168.56.0/24', '192.168.56.0/29', '10.0.0.0/30'),
        nodes: fc.array(fc.record({ name: nameArb, ip: ipArb }, { requiredKeys: ['name'] }), {
          maxLength: 4,
        }),
        pods: fc.array(
          fc.record({ name: nameArb, node: nameArb, labels: labelsArb }, { requiredKeys: ['name'] }),
          { maxLength: 4 },
        ),
      },
      { requiredKeys: ['network'] },
    ),
  },
);

/** A scenario value: valid shapes mostly, any shape sometimes; short action lists mostly, thousands sometimes. */
export const scenarioArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record(
      {
        cluster: clusterArb,
        actions: fc.oneof(
          { weight: 3, arbitrary: fc.array(commandArb, { maxLength: 30 }) },
          { weight: 1, arbitrary: fc.array(anyCommandArb, { maxLength: 30 }) },
        ),
        seed: fc.oneof({ weight: 9, arbitrary: fc.nat() }, { weight: 1, arbitrary: junkArb }),
      },
      { requiredKeys: ['cluster'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      cluster: clusterArb,
      actions: fc.array(commandArb, { minLength: 500, maxLength: 2500 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        clusterArb,
        fc.array(commandArb, { maxLength: 5 }),
        fc.constantFrom('action', 'Actions', 'clustr', 'constructor', '__proto__', 'solution'),
      )
      .map(([cluster, actions, key]) => JSON.parse(JSON.stringify({ cluster, [key]: actions })) as unknown),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(junkArb, fc.array(junkArb), fc.record({ cluster: junkArb, actions: junkArb })),
  },
);

/** A scenario as file text: JSON mostly, with a BOM, truncated, or not JSON at all sometimes. */
export const scenarioTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: scenarioArb.map((s) => JSON.stringify(s) ?? 'null') },
  { weight: 1, arbitrary: scenarioArb.map((s) => `\uFEFF${JSON.stringify(s) ?? ''}`) },
  {
    weight: 1,
    arbitrary: fc.tuple(scenarioArb, fc.nat()).map(([s, n]) => {
      const text = JSON.stringify(s) ?? '';
      return text.slice(0, n % (text.length + 1));
    }),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constant(`${'['.repeat(5000)}${']'.repeat(5000)}`) },
);
