const KEY = 'hourglass_token';

// In production the server answers /?token=… with a cookie. Under the Vite dev server that
// request reaches the app instead, so the token is kept for this tab and sent as a header.
export function captureTokenFromUrl(location: Location, history: History): void {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  sessionStorage.setItem(KEY, token);
  url.searchParams.delete('token');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Forgets the dev token of this tab (on sign-out). */
export function forgetToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // storage unavailable: nothing was kept
  }
}
