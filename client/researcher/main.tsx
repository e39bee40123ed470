import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { studyTabs } from './app/study-tabs.tsx';
import './researcher.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App tabs={studyTabs} />
  </StrictMode>,
);
