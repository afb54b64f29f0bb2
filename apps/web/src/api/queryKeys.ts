/** The TanStack Query keys of server data, in one place so that invalidation matches queries. */
export const queryKeys = {
  flows: ['flows'] as const,
  flow: (id: string) => ['flows', id] as const,
  versions: (id: string) => ['flows', id, 'versions'] as const,
  version: (id: string, version: number) => ['flows', id, 'versions', version] as const,
  enrolments: (id: string) => ['flows', id, 'enrolments'] as const,
  scenarios: (id: string) => ['flows', id, 'scenarios'] as const,
  templates: ['templates'] as const,
  scoring: ['scoring'] as const,
  contacts: (search: string) => ['contacts', 'search', search] as const,
  contact: (id: string) => ['contacts', 'one', id] as const,
  trace: (contactId: string, flowId: string) => ['contacts', 'one', contactId, 'trace', flowId] as const,
  handoffs: (status: string) => ['handoffs', status] as const,
  emailSettings: ['settings', 'email'] as const,
  forms: ['forms'] as const,
  form: (id: string) => ['forms', id] as const,
  outbox: (filters: Record<string, string>) => ['outbox', filters] as const,
};
