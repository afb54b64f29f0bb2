import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import '@xyflow/react/dist/style.css';
import './styles/base.css';
import './styles/editor.css';
import './styles/nodes.css';
import './styles/pages.css';
import './styles/campaign.css';
import './styles/report.css';
import './styles/migrations.css';
import { captureTokenFromUrl } from './api/authToken.ts';
import { createQueryClient } from './api/createQueryClient.ts';
import { router } from './router.tsx';

captureTokenFromUrl(window.location, window.history);
const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
