import { NODE_TYPE_INFO } from '../nodes/nodeTypeInfo.ts';

/** A step as a marketer knows it: its label, else its kind and id ("Wait (pause)"). */
export function stepName(flow: unknown, id: string): string {
  const nodes = (flow as { nodes?: { id: string; type: string; label?: string }[] } | undefined)?.nodes ?? [];
  const node = nodes.find((n) => n.id === id);
  if (!node) return id;
  if (node.label) return node.label;
  const info = NODE_TYPE_INFO[node.type as keyof typeof NODE_TYPE_INFO];
  return info ? `${info.title} (${id})` : id;
}

/** The steps of a stored flow document a contact can be moved onto, with their names. */
export function stepsOf(flow: unknown): { id: string; name: string }[] {
  const nodes = (flow as { nodes?: { id: string; type: string }[] } | undefined)?.nodes ?? [];
  return nodes.filter((n) => n.type !== 'trigger').map((n) => ({ id: n.id, name: stepName(flow, n.id) }));
}
