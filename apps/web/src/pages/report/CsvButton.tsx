/** The "Download CSV" button beside a table's heading. */
export function CsvButton({ onClick, what }: { onClick: () => void; what: string }) {
  return (
    <button type="button" className="hg-button hg-button--small" onClick={onClick} aria-label={`Download ${what} as CSV`}>
      Download CSV
    </button>
  );
}
