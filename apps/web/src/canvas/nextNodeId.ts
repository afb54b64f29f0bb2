/** The first free id "prefix-1", "prefix-2"… among the taken ones. */
export function nextNodeId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}
