import '../shared/app.css';
import '../researcher/researcher.css';
import './translate.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TranslateApp } from './TranslateApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TranslateApp />
  </StrictMode>,
);
