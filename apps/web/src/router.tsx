import { lazy } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { AppShell } from './components/AppShell.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

// Each page is a chunk of its own, loaded when its route is first shown (AppShell's Suspense):
// the flow list or the contacts need not load React Flow and the editor, and a browser parses
// only what the page uses (docs/testing.md).
const EditorPage = lazy(() => import('./pages/EditorPage.tsx').then((m) => ({ default: m.EditorPage })));
const ContactsPage = lazy(() => import('./pages/contacts/ContactsPage.tsx').then((m) => ({ default: m.ContactsPage })));
const FormsPage = lazy(() => import('./pages/forms/FormsPage.tsx').then((m) => ({ default: m.FormsPage })));
const FlowListPage = lazy(() => import('./pages/flows/FlowListPage.tsx').then((m) => ({ default: m.FlowListPage })));
const InboxPage = lazy(() => import('./pages/inbox/InboxPage.tsx').then((m) => ({ default: m.InboxPage })));
const MailboxPage = lazy(() => import('./pages/mailbox/MailboxPage.tsx').then((m) => ({ default: m.MailboxPage })));
const ReportPage = lazy(() => import('./pages/report/ReportPage.tsx').then((m) => ({ default: m.ReportPage })));
const ScoringPage = lazy(() => import('./pages/scoring/ScoringPage.tsx').then((m) => ({ default: m.ScoringPage })));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })));

/** The app's routes (issue 4 §1). */
export const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { path: '/', element: <FlowListPage /> },
      { path: '/flows/:id', element: <EditorPage /> },
      { path: '/flows/:id/report', element: <ReportPage /> },
      { path: '/scoring', element: <ScoringPage /> },
      { path: '/contacts', element: <ContactsPage /> },
      { path: '/contacts/:id', element: <ContactsPage /> },
      { path: '/forms', element: <FormsPage /> },
      { path: '/forms/:id', element: <FormsPage /> },
      { path: '/inbox', element: <InboxPage /> },
      { path: '/mailbox', element: <MailboxPage /> },
      { path: '/settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
