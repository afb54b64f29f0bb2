import { lazy, type ComponentType } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { AppShell } from './components/AppShell.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

// Each page is a chunk of its own, loaded when its route is first shown (AppShell's Suspense):
// the flow list or the contacts need not load React Flow and the editor, and a browser parses
// only what the page uses (docs/testing.md).
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));
const EditorPage = page(() => import('./pages/EditorPage.tsx'), 'EditorPage');
const ContactsPage = page(() => import('./pages/contacts/ContactsPage.tsx'), 'ContactsPage');
const FormsPage = page(() => import('./pages/forms/FormsPage.tsx'), 'FormsPage');
const FlowListPage = page(() => import('./pages/flows/FlowListPage.tsx'), 'FlowListPage');
const InboxPage = page(() => import('./pages/inbox/InboxPage.tsx'), 'InboxPage');
const MailboxPage = page(() => import('./pages/mailbox/MailboxPage.tsx'), 'MailboxPage');
const ReportPage = page(() => import('./pages/report/ReportPage.tsx'), 'ReportPage');
const ScoringPage = page(() => import('./pages/scoring/ScoringPage.tsx'), 'ScoringPage');
const SettingsPage = page(() => import('./pages/settings/SettingsPage.tsx'), 'SettingsPage');

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
