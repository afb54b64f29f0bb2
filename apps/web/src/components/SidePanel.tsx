import type { ReactNode } from 'react';

/** The editor's right-hand tool panel (Simulate, Forecast): a titled column with a Close link. */
export function SidePanel({
  title,
  closeLabel,
  testId,
  onClose,
  children,
}: {
  title: string;
  closeLabel: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <aside className="hg-inspector hg-simulate" aria-label={title} data-testid={testId}>
      <div className="hg-inspector__body">
        <div className="hg-simulate__head">
          <h2>{title}</h2>
          <button type="button" className="hg-link-button" onClick={onClose} aria-label={closeLabel}>
            Close
          </button>
        </div>
        {children}
      </div>
    </aside>
  );
}
