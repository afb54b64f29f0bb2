import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { NodeIcon } from '../nodes/NodeIcon.tsx';
import { useSignedOut } from '../api/signedOut.ts';
import { SignInNotice } from './SignInNotice.tsx';
import { SignOutButton } from './SignOutButton.tsx';

const LINKS = [
  { to: '/', label: 'Flows', end: true },
  { to: '/scoring', label: 'Scoring', end: false },
  { to: '/contacts', label: 'Contacts', end: false },
  { to: '/forms', label: 'Forms', end: false },
  { to: '/inbox', label: 'Sales inbox', end: false },
  { to: '/mailbox', label: 'Mailbox', end: false },
  { to: '/settings', label: 'Settings', end: false },
];

/** The frame of every page: the navigation and, below it, the page. */
export function AppShell() {
  const signedOut = useSignedOut();
  return (
    <div className="hg-app">
      <header className="hg-nav">
        <span className="hg-nav__brand">
          <NodeIcon type="waitFor" size={18} /> Hourglass
        </span>
        <nav aria-label="Main">
          <ul>
            {LINKS.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to} end={l.end} className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
                  {l.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {!signedOut && <SignOutButton />}
      </header>
      <main className="hg-main">
        {signedOut ? (
          <SignInNotice />
        ) : (
          // The pages load with their route (router.tsx): a moment of this on the first visit.
          <Suspense
            fallback={
              <div className="hg-page">
                <p>Loading…</p>
              </div>
            }
          >
            <Outlet />
          </Suspense>
        )}
      </main>
    </div>
  );
}
