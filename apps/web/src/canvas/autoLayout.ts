import type { ELK, ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk.bundled.js';
import type { XYPosition } from '@xyflow/react';
import { portsOf } from '@hourglass/documents';
import type { CanvasEdge, CanvasNode } from './canvasTypes.ts';
import { toFlowNode } from './canvasToFlow.ts';

// Sizes for nodes React Flow has not measured yet (never drawn, e.g. off screen).
const DEFAULT_WIDTH = 240;
const DEFAULT_HEIGHT = 96;

// ELK is large: it is loaded the first time a layout is asked for, not with the app.
let elk: Promise<ELK> | undefined;
const loadElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: Elk }) => new Elk()));

const inPort = (id: string) => `${id}::in`;
const outPort = (id: string, port: string | null | undefined) => `${id}::out::${port ?? ''}`;

/**
 * Lays the flow out top to bottom with ELK's layered algorithm. Ports keep their order (yes left
 * of no, branches in order), so edges do not cross needlessly. Returns the new top-left corners.
 */
export async function autoLayout(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Promise<Map<string, XYPosition>> {
  const ids = new Set(nodes.map((n) => n.id));
  const portIds = new Set<string>();
  const children: ElkNode[] = nodes.map((n) => {
    const outs = portsOf(toFlowNode(n));
    const ports: ElkPort[] = [
      ...(n.type === 'trigger' ? [] : [{ id: inPort(n.id), layoutOptions: { 'elk.port.side': 'NORTH' } }]),
      ...outs.map((p, i) => ({ id: outPort(n.id, p), layoutOptions: { 'elk.port.side': 'SOUTH', 'elk.port.index': String(outs.length - i) } })),
    ];
    ports.forEach((p) => portIds.add(p.id));
    return {
      id: n.id,
      width: n.measured?.width ?? DEFAULT_WIDTH,
      height: n.measured?.height ?? DEFAULT_HEIGHT,
      ports,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
    };
  });
  // Edges of an unfinished draft may point at missing nodes or ports: ELK would refuse them.
  const layoutEdges: ElkExtendedEdge[] = edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => {
      const source = outPort(e.source, e.sourceHandle);
      const target = inPort(e.target);
      return { id: e.id, sources: [portIds.has(source) ? source : e.source], targets: [portIds.has(target) ? target : e.target] };
    });
  const result = await (
    await loadElk()
  ).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.nodeNodeBetweenLayers': '72',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children,
    edges: layoutEdges,
  });
  return new Map((result.children ?? []).map((c) => [c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }]));
}
