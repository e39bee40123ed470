import { useEffect, useRef, useState } from 'react';
import { useT } from '../shared/i18n-react.tsx';
import { letterFromQr, type ScannedLetter } from './qr-token.ts';

/** Reads the letter's QR code with the tablet's camera (jsQR on video frames, loaded only here). */
export function QrScanner({ onLetter, onUnavailable }: { onLetter: (letter: ScannedLetter) => void; onUnavailable: () => void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [ready, setReady] = useState(false);
  const found = useRef(onLetter);
  found.current = onLetter;
  const unavailable = useRef(onUnavailable);
  unavailable.current = onUnavailable;

  useEffect(() => {
    let stream: MediaStream | undefined;
    let frame = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });

    async function run() {
      try {
        if (!navigator.mediaDevices?.getUserMedia || !context) throw new Error('no camera');
        const [{ default: jsQR }, media] = await Promise.all([
          import('jsqr'),
          navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
        ]);
        stream = media;
        if (stopped || !video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        setReady(true);
        let last = 0;
        const scan = (time: number) => {
          if (stopped) return;
          frame = requestAnimationFrame(scan);
          const element = video.current;
          if (!element || time - last < 200 || element.videoWidth === 0) return;
          last = time;
          canvas.width = element.videoWidth;
          canvas.height = element.videoHeight;
          context!.drawImage(element, 0, 0);
          const image = context!.getImageData(0, 0, canvas.width, canvas.height);
          const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
          const letter = code ? letterFromQr(code.data) : null;
          if (letter) {
            stopped = true;
            found.current(letter);
          }
        };
        frame = requestAnimationFrame(scan);
      } catch {
        if (!stopped) unavailable.current();
      }
    }
    void run();
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  return (
    <div className="scanner">
      <p>{t('kiosk.scanHelp')}</p>
      <video ref={video} className="scanner__video" muted playsInline aria-hidden="true" data-ready={ready} />
    </div>
  );
}
