import type { PublishCheck } from '../../api/apiTypes.ts';

/** How many contacts are in the flow now, and which version they stay on. */
export function PublishContactsSection({ check, liveVersion }: { check: PublishCheck | undefined; liveVersion: number | null }) {
  if (liveVersion === null) return null;
  const n = check?.enrolled;
  return (
    <section className="hg-publish__section" data-testid="publish-contacts" aria-label="Contacts in the flow">
      <h3>Contacts in the flow</h3>
      {n === undefined ? (
        <p className="hg-hint">Counting the contacts in this flow…</p>
      ) : n === 0 ? (
        <p>No contact is in this flow now.</p>
      ) : (
        <p>
          <strong>
            {n.toLocaleString()} contact{n === 1 ? ' is' : 's are'} in this flow now.
          </strong>{' '}
          {n === 1 ? 'It stays' : 'They stay'} on the version {n === 1 ? 'it' : 'they'} entered; contacts who enter from now on follow the new version.
        </p>
      )}
    </section>
  );
}
