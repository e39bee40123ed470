import { useRef, useState } from 'react';
import { csrfHeader } from '../researcher/lib/api.ts';

/**
 * Record a key's text in the browser (MediaRecorder: Opus in WebM or Ogg, whatever the browser
 * makes) or upload a file (MP4/AAC or MP3 too, for iPhones: Safari before 17 plays neither WebM
 * nor Ogg). The server checks the bytes are audio and stores it with the Dutch text's hash.
 */
export function Recorder({ label, url, recording, onSaved }: { label: string; url: string; recording: string | undefined; onSaved: () => void }) {
  const [state, setState] = useState<'idle' | 'recording' | 'saving'>('idle');
  const [error, setError] = useState('');
  const recorder = useRef<MediaRecorder | null>(null);

  async function upload(blob: Blob) {
    setState('saving');
    const response = await fetch(url, { method: 'PUT', body: blob, headers: { 'content-type': blob.type || 'application/octet-stream', ...csrfHeader() }, credentials: 'same-origin' });
    setState('idle');
    if (response.ok) {
      setError('');
      onSaved();
    } else {
      const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      setError(body.error?.message ?? `The server answered ${response.status}.`);
    }
  }

  async function start() {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const type = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'].find((t) => MediaRecorder.isTypeSupported(t));
    const made = new MediaRecorder(stream, type ? { mimeType: type } : {});
    const chunks: Blob[] = [];
    made.ondataavailable = (event) => chunks.push(event.data);
    made.onstop = () => {
      stream.getTracks().forEach((track) => track.stop());
      void upload(new Blob(chunks, { type: made.mimeType.split(';')[0] }));
    };
    made.start();
    recorder.current = made;
    setState('recording');
  }

  return (
    <div className="recorder">
      {state === 'recording' ? (
        <button type="button" onClick={() => recorder.current?.stop()}>
          Stop and save recording of {label}
        </button>
      ) : (
        <button type="button" disabled={state === 'saving'} onClick={() => void start().catch((failure: unknown) => setError(String(failure)))}>
          Record {label}
        </button>
      )}
      <label>
        Upload a recording of {label}
        <input type="file" accept="audio/*" onChange={(event) => event.target.files?.[0] && void upload(event.target.files[0])} />
      </label>
      {recording && <audio controls preload="none" src={recording} aria-label={`Recording of ${label}`} />}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
