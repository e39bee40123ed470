import '../shared/app.css';
import '../researcher/researcher.css';
import './translate.css';
import { StrictMode } from 'react';
import { I18nProvider } from '../researcher/components/I18n.tsx';
import { createRoot } from 'react-dom/client';
import { TranslateApp } from './TranslateApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <TranslateApp />
    </I18nProvider>
  </StrictMode>,
);
