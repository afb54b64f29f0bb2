import type { Scalar } from '@hourglass/documents';

const VERDICTS: Record<string, string> = { accepted: 'accepted', rejected: 'rejected' };

/**
 * An event's data in words for the contact page and the sales inbox, never as JSON: the verdict
 * of sales with its note, else "key: value" pairs.
 */
export function eventText(type: string, data: Record<string, Scalar> | undefined): string {
  const d = data ?? {};
  if (type === 'sales_feedback' && typeof d.verdict === 'string') {
    const note = typeof d.note === 'string' && d.note.trim() ? `: “${d.note.trim()}”` : '';
    return `Sales ${VERDICTS[d.verdict] ?? d.verdict} the lead${note}`;
  }
  return Object.entries(d)
    .map(([k, v]) => `${k}: ${v === null ? '—' : String(v)}`)
    .join(', ');
}
