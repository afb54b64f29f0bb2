import { FLOW_FORMAT, type Flow, type FlowEdge, type FlowNode } from '@hourglass/documents';

/** A valid flow of `count` steps in a chain (emails, waits, updates and conditions), laid out on a grid. */
export function thousandStepFlow(count = 1000): Flow {
  const nodes: FlowNode[] = [{ id: 'start', type: 'trigger', position: { x: 0, y: 0 }, config: { on: 'event', event: 'signup' } }];
  for (let i = 1; i < count - 1; i++) {
    const position = { x: (i % 25) * 300, y: Math.floor(i / 25) * 160 };
    const id = `step-${i}`;
    switch (i % 4) {
      case 0:
        nodes.push({ id, type: 'sendEmail', position, config: { subject: `Email ${i} for {{ contact.firstName | default: "you" }}`, body: 'Hi' } });
        break;
      case 1:
        nodes.push({ id, type: 'wait', position, config: { for: 'P1D' } });
        break;
      case 2:
        nodes.push({ id, type: 'update', position, config: { addScore: 1 } });
        break;
      default:
        nodes.push({ id, type: 'condition', position, config: { if: { score: { gte: i % 50 } } } });
    }
  }
  nodes.push({ id: 'done', type: 'exit', position: { x: 0, y: Math.ceil(count / 25) * 160 }, config: {} });
  const edges: FlowEdge[] = nodes.slice(0, -1).flatMap((n, i) => {
    const to = nodes[i + 1]!.id;
    return n.type === 'condition'
      ? [
          { from: n.id, port: 'yes', to },
          { from: n.id, port: 'no', to },
        ]
      : [{ from: n.id, to }];
  });
  return { format: FLOW_FORMAT, id: 'a-thousand-steps', name: 'A thousand steps', settings: {}, nodes, edges };
}
