/** Problems of a field, shown right under it and announced to screen readers. */
export function FieldMessages({ messages, id }: { messages: readonly string[]; id?: string }) {
  if (messages.length === 0) return null;
  return (
    <ul className="hg-field__problems" id={id} role="alert">
      {[...new Set(messages)].map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}
