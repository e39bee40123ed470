import '../shared/app.css';
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { RespondentApp } from './RespondentApp.tsx';

const KioskApp = lazy(() => import('../kiosk/KioskApp.tsx'));

const root = createRoot(document.getElementById('root')!);
const kiosk = window.location.pathname === '/kiosk' || window.location.pathname.startsWith('/kiosk/');

root.render(
  <StrictMode>
    {kiosk ? (
      <Suspense fallback={null}>
        <KioskApp />
      </Suspense>
    ) : (
      <RespondentApp />
    )}
  </StrictMode>,
);
