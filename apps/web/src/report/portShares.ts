import type { NodeReport } from '@hourglass/api';
import { count, shortShare } from './reportNumbers.ts';

/** How many left a node by a port, of all who left it (only nodes with named ports record one). */
export function portShare(node: NodeReport | undefined, port: string | null | undefined): { left: number; of: number } | null {
  if (!node || !port) return null;
  const of = Object.values(node.ports).reduce((a, b) => a + b, 0);
  return { left: node.ports[port] ?? 0, of };
}

/** An edge's label in the report view: its port and the share that left by it ("yes: 62%"). */
export function edgeShareLabel(node: NodeReport | undefined, port: string | null | undefined): { label: string; ariaLabel: string } | null {
  const s = portShare(node, port);
  if (!s) return null;
  return {
    label: `${port}: ${shortShare(s.left, s.of)}`,
    ariaLabel: `${count(s.left)} of ${count(s.of)} contacts left by ${port} (${shortShare(s.left, s.of)})`,
  };
}
