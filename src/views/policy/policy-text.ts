import type { load as YamlLoad } from 'js-yaml';

/** A starting point for the policy editor: deny all ingress in the default namespace. */
export const EXAMPLE_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all-ingress
  namespace: default
spec:
  podSelector: {}
  policyTypes:
    - Ingress
`;

/**
 * The policy box's text in a lesson: the manifest's frame with the parts a lesson asks for
 * left blank, so the box never holds a task's answer.
 */
export const POLICY_SKELETON = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: my-policy
  namespace: default
spec:
  # Which pods the policy selects: matchLabels, or {} for every pod of the namespace.
  podSelector:
  # The directions it isolates: Ingress, Egress or both.
  policyTypes: []
`;

/**
 * Reads a NetworkPolicy manifest as a student pastes it: YAML (as kubectl takes it) or JSON.
 * Only the text is read here; the engine validates the object and names any bad field.
 * The YAML parser (js-yaml, about 13 KB gzipped) is loaded the first time a manifest is applied.
 */
export async function readPolicyText(
  text: string,
): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  if (text.trim() === '') return { ok: false, message: 'Paste a NetworkPolicy manifest first.' };
  if (text.length > 64 * 1024)
    return { ok: false, message: 'That manifest is over 64 KiB; a NetworkPolicy is much smaller.' };
  let load: typeof YamlLoad;
  try {
    ({ load } = await import('js-yaml'));
  } catch {
    return { ok: false, message: 'The YAML reader could not be loaded; check the connection and try again.' };
  }
  try {
    const value = load(text, { json: true });
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return {
        ok: false,
        message:
          'A NetworkPolicy is a mapping (apiVersion, kind, metadata, spec), not a list or a single value.',
      };
    }
    return { ok: true, value };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, message: `The manifest is not valid YAML or JSON: ${reason}` };
  }
}
