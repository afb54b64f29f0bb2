/**
 * The colours of the email layout when the workspace sets none: the layout (packages/engine) and
 * the settings' schema (packages/api) both start from these.
 */
export const DEFAULT_EMAIL_COLORS = { background: '#f3f4f6', content: '#ffffff', text: '#111827', accent: '#2563eb' } as const;
