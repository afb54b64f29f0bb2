import type { NodeType } from '@hourglass/documents';

// Line icons drawn in a 24×24 box: crisp at every zoom and independent of the fonts installed.
const PATHS: Record<NodeType, string> = {
  trigger: 'M13 2 4 14h7l-1 8 9-12h-7z',
  wait: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 2',
  waitFor: 'M6 2h12M6 22h12M7 2c0 5 10 6 10 10S7 17 7 22M17 2c0 5-10 6-10 10s10 5 10 10',
  sendEmail: 'M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zM3 7l9 6 9-6',
  condition: 'M12 2 22 12 12 22 2 12z',
  split: 'M12 22v-9M12 13 5 4M12 13l7-9M5 4v4M5 4h4M19 4v4M19 4h-4',
  update: 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4',
  handoff: 'M9 4a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM2 21c0-4 3-7 7-7s7 3 7 7M16 9h6M19 6l3 3-3 3',
  exit: 'M6 5h12a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z',
};

/** The icon of a node type. Decorative: the type's name is always written next to it. */
export function NodeIcon({ type, size = 16 }: { type: NodeType; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[type]} />
    </svg>
  );
}
