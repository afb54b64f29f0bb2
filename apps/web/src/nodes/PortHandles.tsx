import { Handle, Position } from '@xyflow/react';

/** The named ports of a node along its bottom edge, each labelled (yes/no, met/timeout, branches). */
export function PortHandles({ ports }: { ports: readonly string[] }) {
  return (
    <div className="hg-ports">
      {ports.map((port, i) => {
        const left = `${((i + 1) / (ports.length + 1)) * 100}%`;
        return (
          <div key={port} className="hg-port" style={{ left }}>
            <span className="hg-port__label">{port}</span>
            <Handle type="source" position={Position.Bottom} id={port} className="hg-handle hg-handle--port" aria-label={`Port ${port}`} />
          </div>
        );
      })}
    </div>
  );
}
