import { useState } from 'react';
import { apiCall } from '../api/apiClient.ts';
import { forgetToken } from '../api/authToken.ts';

/** Signs this browser out: the server ends the session and clears its cookie, then a fresh page. */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="hg-nav__signout"
      data-testid="sign-out"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await apiCall('logout');
        } catch {
          // The server could not be reached: this tab forgets its sign-in all the same.
        }
        forgetToken();
        // A full page load: nothing of the signed-in pages stays in memory.
        window.location.assign('/');
      }}
    >
      Sign out
    </button>
  );
}
