import { Flow, NODE_TYPES, type FlowEdge, type FlowNode } from '@hourglass/documents';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Makes a stored draft safe to open. Drafts may be unfinished (the server saves them with
 * errors), so they are not parsed strictly: values stay as they are and validation reports them.
 * Only what the canvas cannot show is set aside (a node without an id or of an unknown type);
 * `dropped` says what, so the editor can tell the marketer.
 */
export function prepareDraft(doc: unknown): { flow: Flow; dropped: string[] } {
  const parsed = Flow.safeParse(doc);
  if (parsed.success) return { flow: parsed.data, dropped: [] };
  const d = isObject(doc) ? doc : {};
  const dropped: string[] = [];
  const nodes = (Array.isArray(d.nodes) ? d.nodes : []).flatMap((n, i): FlowNode[] => {
    if (!isObject(n) || typeof n.id !== 'string' || !(NODE_TYPES as readonly unknown[]).includes(n.type)) {
      dropped.push(isObject(n) && typeof n.id === 'string' ? `${n.id} (unknown type ${JSON.stringify(n.type)})` : `node ${i + 1}`);
      return [];
    }
    return [{ ...n, config: isObject(n.config) ? n.config : {} } as unknown as FlowNode];
  });
  const edges = (Array.isArray(d.edges) ? d.edges : []).filter((e): e is FlowEdge => isObject(e) && typeof e.from === 'string' && typeof e.to === 'string');
  return {
    flow: {
      ...(d as object),
      format: 'hourglass.flow/1',
      id: typeof d.id === 'string' ? d.id : 'flow',
      name: typeof d.name === 'string' ? d.name : '',
      settings: isObject(d.settings) ? (d.settings as Flow['settings']) : {},
      nodes,
      edges,
    } as Flow,
    dropped,
  };
}
