/** The items with `selected` set for exactly the given ids; unchanged items keep their identity. */
export function reapplySelection<T extends { id: string; selected?: boolean }>(items: T[], selected: ReadonlySet<string>): T[] {
  let changed = false;
  const out = items.map((item) => {
    const want = selected.has(item.id);
    if (Boolean(item.selected) === want) return item;
    changed = true;
    return { ...item, selected: want };
  });
  return changed ? out : items;
}
