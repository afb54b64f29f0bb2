import { useState } from 'react';
import type { ContactImportSummary } from '@hourglass/api';
import { errorMessage } from '../../api/apiClient.ts';
import { useImportContacts } from '../../api/useImportContacts.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ColumnMap } from './ColumnMap.tsx';
import { defaultMapping, mappedPieces, mappingProblems, readCsvFile, type ColumnMapping, type CsvFile } from './csvMapping.ts';

/** Rows per request: each answered piece moves the progress bar. */
const PIECE_ROWS = 2000;

type Step = 'choose' | 'map' | 'checked' | 'importing' | 'done';

/** Import contacts from a CSV file: choose it, map its columns, check it, import it. */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [step, setStep] = useState<Step>('choose');
  const [fileName, setFileName] = useState('');
  const [file, setFile] = useState<CsvFile | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping[]>([]);
  const [check, setCheck] = useState<ContactImportSummary | null>(null);
  const [result, setResult] = useState<ContactImportSummary | null>(null);
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const importing = useImportContacts();
  const key = mapping.some((m) => m.target === 'email') || !mapping.some((m) => m.target === 'id') ? 'email' : 'id';
  const problems = mappingProblems(mapping, key);

  const reset = () => {
    setStep('choose');
    setFile(null);
    setFileName('');
    setReadError(null);
    setCheck(null);
    setResult(null);
    importing.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    setFileName(chosen.name);
    try {
      const read = readCsvFile(await chosen.arrayBuffer());
      setFile(read);
      setMapping(defaultMapping(read.columns));
      setReadError(null);
      setStep('map');
    } catch (e) {
      setReadError(errorMessage(e));
    }
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    const { pieces, failed, headerOf } = mappedPieces(file, mapping, dryRun ? Number.MAX_SAFE_INTEGER : PIECE_ROWS);
    if (!dryRun) setStep('importing');
    const summary = await importing.mutateAsync({ pieces, dryRun, key, onProgress: (done, total) => setProgress({ done, total }) });
    const named = summary.failed.map((f) => (f.column === undefined ? f : { ...f, column: headerOf.get(f.column) ?? f.column }));
    const all = { ...summary, failed: [...named, ...failed].sort((a, b) => a.row - b.row) };
    if (dryRun) {
      setCheck(all);
      setStep('checked');
    } else {
      setResult(all);
      setStep('done');
    }
  };

  return (
    <Dialog open={open} onClose={close} title="Import contacts" wide testId="import-dialog">
      {step === 'choose' && (
        <div>
          <p>Choose a CSV file with one contact per row and a header row. Save it from your spreadsheet as “CSV UTF-8”.</p>
          <label className="hg-button hg-button--primary">
            Choose a CSV file
            <input type="file" accept=".csv,text/csv" hidden aria-label="CSV file" onChange={(e) => void choose(e.target.files?.[0])} />
          </label>
          {readError && (
            <p className="hg-error-text" role="alert">
              {fileName}: {readError}
            </p>
          )}
        </div>
      )}
      {file && (step === 'map' || step === 'checked') && (
        <div>
          <p>
            <strong>{fileName}</strong>: {file.rows.length.toLocaleString()} {file.rows.length === 1 ? 'row' : 'rows'}. Choose what each column becomes.
          </p>
          <ColumnMap
            file={file}
            mapping={mapping}
            onChange={(m) => {
              setMapping(m);
              setCheck(null);
              setStep('map');
            }}
          />
          {problems.map((p) => (
            <p key={p} className="hg-error-text" role="alert">
              {p}
            </p>
          ))}
          {step === 'checked' && check && <ImportReport summary={check} title="Check" future />}
          {importing.isError && (
            <p className="hg-error-text" role="alert">
              {errorMessage(importing.error)}
            </p>
          )}
          <div className="hg-row">
            <button type="button" className="hg-button" onClick={reset}>
              Choose another file
            </button>
            <button type="button" className="hg-button" disabled={problems.length > 0 || importing.isPending} onClick={() => void run(true).catch(() => {})}>
              {importing.isPending ? 'Checking…' : 'Check the file'}
            </button>
            <button
              type="button"
              className="hg-button hg-button--primary"
              disabled={problems.length > 0 || step !== 'checked'}
              onClick={() => void run(false).catch(() => setStep('checked'))}
            >
              Import {check ? (check.created + check.updated + check.unchanged).toLocaleString() : ''} contacts
            </button>
          </div>
        </div>
      )}
      {step === 'importing' && (
        <div>
          <p>Importing {fileName}…</p>
          <progress className="hg-progress" aria-label="Import progress" max={progress.total || 1} value={progress.done} />
          <p className="hg-hint">
            {progress.done.toLocaleString()} of {progress.total.toLocaleString()} rows
          </p>
        </div>
      )}
      {step === 'done' && result && (
        <div>
          <progress className="hg-progress" aria-label="Import progress" max={1} value={1} />
          <ImportReport summary={result} title="Imported" />
          <div className="hg-row">
            <button type="button" className="hg-button hg-button--primary" onClick={close}>
              Done
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** Counts and every skipped row with its reason; `future` words it as what the import would do. */
function ImportReport({ summary, title, future = false }: { summary: ContactImportSummary; title: string; future?: boolean }) {
  const badRows = new Set(summary.failed.map((f) => f.row)).size;
  return (
    <section className="hg-card" aria-label={`${title} summary`} data-testid={future ? 'import-check' : 'import-summary'}>
      <h3>{future ? 'The check found' : 'Done'}</h3>
      <p>
        {summary.created.toLocaleString()} {future ? 'new contacts to create' : 'contacts created'}, {summary.updated.toLocaleString()}{' '}
        {future ? 'to update' : 'updated'}, {summary.unchanged.toLocaleString()} unchanged, {badRows.toLocaleString()} {badRows === 1 ? 'row' : 'rows'} with
        problems{future ? ' (they will be skipped)' : ' skipped'}.
      </p>
      {summary.failed.length > 0 && (
        <div className="hg-scroll-box">
          <table className="hg-table hg-table--compact">
            <thead>
              <tr>
                <th>Row</th>
                <th>Column</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {summary.failed.map((f, i) => (
                <tr key={i}>
                  <td>{f.row}</td>
                  <td>{f.column ?? ''}</td>
                  <td>{f.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {summary.failed.length > 0 && <p className="hg-hint">Row 1 is the first row under the header.</p>}
    </section>
  );
}
