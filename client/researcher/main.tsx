import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { studyTabs } from './app/study-tabs.tsx';
import { I18nProvider } from './components/I18n.tsx';
import './researcher.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App tabs={studyTabs} />
    </I18nProvider>
  </StrictMode>,
);
