import { useRef, useState } from 'react';
import { ErrorNote } from '../researcher/components/ErrorNote.tsx';
import { useI18n } from '../researcher/components/I18n.tsx';
import { saveRecording, type StringAddress } from './translate-api.ts';

/**
 * Record a key's text in the browser (MediaRecorder: Opus in WebM or Ogg, whatever the browser
 * makes) or upload a file (MP4/AAC or MP3 too, for iPhones: Safari before 17 plays neither WebM
 * nor Ogg). The server checks the bytes are audio and stores it with the Dutch text's hash.
 */
export function Recorder({ recordingKey, at, recording, onSaved }: { recordingKey: string; at: StringAddress; recording: string | undefined; onSaved: () => void }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'recording' | 'saving'>('idle');
  const [error, setError] = useState<unknown>();
  const [noMicrophone, setNoMicrophone] = useState(false);
  const recorder = useRef<MediaRecorder | null>(null);

  async function upload(blob: Blob) {
    setState('saving');
    try {
      await saveRecording(at, blob);
      setError(undefined);
      onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setState('idle');
    }
  }

  async function start() {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setNoMicrophone(true);
      return;
    }
    setNoMicrophone(false);
    const type = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'].find((candidate) => MediaRecorder.isTypeSupported(candidate));
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
          {t('translate.stopAndSave', { key: recordingKey })}
        </button>
      ) : (
        <button type="button" disabled={state === 'saving'} onClick={() => void start()}>
          {t('translate.record', { key: recordingKey })}
        </button>
      )}
      <label>
        {t('translate.upload', { key: recordingKey })}
        <input type="file" accept="audio/*" onChange={(event) => event.target.files?.[0] && void upload(event.target.files[0])} />
      </label>
      {recording && <audio controls preload="none" src={recording} aria-label={t('translate.recordingOf', { key: recordingKey })} />}
      {noMicrophone && (
        <p role="alert" className="error">
          {t('translate.noMicrophone')}
        </p>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
