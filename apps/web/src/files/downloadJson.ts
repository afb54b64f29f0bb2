import { downloadText } from './downloadText.ts';

/** Offers a JSON document as a file download, the way the export button does. */
export function downloadJson(filename: string, value: unknown): void {
  downloadText(filename, JSON.stringify(value, null, 2) + '\n', 'application/json');
}
