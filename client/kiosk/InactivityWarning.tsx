import { useEffect, useRef, useState } from 'react';
import { useT } from '../shared/i18n-react.tsx';

/** "Are you still there?" with a countdown; at zero the kiosk resets. */
export function InactivityWarning({ seconds, onStay, onTimeout }: { seconds: number; onStay: () => void; onTimeout: () => void }) {
  const t = useT();
  const [left, setLeft] = useState(Math.ceil(seconds));
  const button = useRef<HTMLButtonElement>(null);
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;

  useEffect(() => {
    button.current?.focus();
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = Math.ceil(seconds - (Date.now() - started) / 1000);
      setLeft(Math.max(remaining, 0));
      if (remaining <= 0) {
        clearInterval(timer);
        timeout.current();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [seconds]);

  return (
    <div className="kiosk-warning" role="alertdialog" aria-modal="true" aria-labelledby="kiosk-warning-title" aria-describedby="kiosk-warning-text">
      <div className="kiosk-warning__box">
        <h2 id="kiosk-warning-title">{t('kiosk.idleTitle')}</h2>
        <p id="kiosk-warning-text">{t('kiosk.idleWarning', { seconds: left })}</p>
        <button ref={button} type="button" className="button button--primary" onClick={onStay}>
          {t('kiosk.stillHere')}
        </button>
      </div>
    </div>
  );
}
