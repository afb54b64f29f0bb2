import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContactImportSummary } from '@hourglass/api';
import { apiCall } from './apiClient.ts';

/** A CSV file cut into pieces: each piece is a file of its own (with the header) and the file's row number of its first row. */
export interface ImportPiece {
  csv: string;
  rows: number[];
}
export interface ImportRequest {
  pieces: ImportPiece[];
  dryRun: boolean;
  key: 'email' | 'id';
  onProgress?: (done: number, total: number) => void;
}

/**
 * Imports contacts from CSV (POST /api/contacts/import), one piece after the other so the
 * progress is real; the row numbers of each piece's answer are turned back into the file's.
 */
export function useImportContacts() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ pieces, dryRun, key, onProgress }: ImportRequest): Promise<ContactImportSummary> => {
      const total = pieces.reduce((n, p) => n + p.rows.length, 0);
      const summary: ContactImportSummary = { created: 0, updated: 0, unchanged: 0, failed: [] };
      let done = 0;
      onProgress?.(0, total);
      for (const piece of pieces) {
        const r = await apiCall('importContacts', { query: { dryRun, key }, raw: piece.csv });
        summary.created += r.created;
        summary.updated += r.updated;
        summary.unchanged += r.unchanged;
        summary.failed.push(...r.failed.map((f) => ({ ...f, row: piece.rows[f.row - 1] ?? f.row })));
        done += piece.rows.length;
        onProgress?.(done, total);
      }
      return summary;
    },
    onSuccess: (_r, { dryRun }) => (dryRun ? undefined : client.invalidateQueries({ queryKey: ['contacts'] })),
  });
}
