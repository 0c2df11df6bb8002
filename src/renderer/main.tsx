import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './app/api-context';
import { AppShell } from './app/AppShell';
import { createClient } from './transport/client';
import { pickTransport } from './transport';
import './styles/theme.css';
import './styles/shell.css';
import './styles/controls.css';
import './styles/filter-builder.css';
import './styles/workbench.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ApiProvider client={createClient(pickTransport())}>
      <AppShell />
    </ApiProvider>
  </StrictMode>,
);
