import { describeNode } from '../../shell/kubectl-describe.ts';
import { useLab } from '../../store/useLab.ts';
import { CodeBlock } from './CodeBlock.tsx';

/**
 * What `kubectl describe node` prints: conditions (the node's message when NotReady),
 * addresses, PodCIDR and the node's events (flanneld's lease error, FailedCreatePodSandBox).
 * Loaded with the tab: the shell's formatters stay out of the lab's first download.
 */
export default function NodeEvents({ name }: { name: string }) {
  const cluster = useLab((s) => s.cluster);
  const node = cluster.nodes[name];
  return node ? (
    <CodeBlock title={`$ kubectl describe node ${name}`} lines={describeNode(cluster, node)} />
  ) : null;
}
