import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
}

/** A modal dialog on the native <dialog> element: focus trapping and Escape come with it. */
export function Dialog({ open, onClose, title, children, wide = false, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`hg-dialog${wide ? ' hg-dialog--wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <header className="hg-dialog__header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="hg-icon-button" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </header>
          <div className="hg-dialog__body">{children}</div>
        </>
      )}
    </dialog>
  );
}
