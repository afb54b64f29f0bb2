import { createBrowserRouter } from 'react-router-dom';
import { AppShell } from './components/AppShell.tsx';
import { ContactsPage } from './pages/contacts/ContactsPage.tsx';
import { EditorPage } from './pages/EditorPage.tsx';
import { FormsPage } from './pages/forms/FormsPage.tsx';
import { FlowListPage } from './pages/flows/FlowListPage.tsx';
import { InboxPage } from './pages/inbox/InboxPage.tsx';
import { MailboxPage } from './pages/mailbox/MailboxPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ReportPage } from './pages/report/ReportPage.tsx';
import { ScoringPage } from './pages/scoring/ScoringPage.tsx';
import { SettingsPage } from './pages/settings/SettingsPage.tsx';

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
