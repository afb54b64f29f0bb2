import { useState } from 'react';

/** Shown when the server does not know this browser: how to sign in with the access token. */
export function SignInNotice() {
  const [token, setToken] = useState('');
  return (
    <div className="hg-page">
      <div className="hg-empty" role="alert" data-testid="sign-in">
        <h1>Sign in to Hourglass</h1>
        <p>
          Open a sign-in link (<code>npm run sign-in-link</code> on the server prints one), or paste the access token here.
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            // A full page load: the server answers /?token=… with a session cookie.
            if (token.trim()) window.location.assign(`/?token=${encodeURIComponent(token.trim())}`);
          }}
        >
          <label className="hg-field__label" htmlFor="sign-in-token">
            Access token
          </label>
          <input id="sign-in-token" className="hg-input" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
          <button type="submit" className="hg-button hg-button--primary">
            Sign in
          </button>
        </form>
      </div>
    </div>
  );
}
