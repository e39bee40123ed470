/** Speaks a question with the browser's speech synthesis, only where a voice for the language exists. */

export function speechAvailable(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function';
}

export function voiceFor(language: string): SpeechSynthesisVoice | undefined {
  if (!speechAvailable()) return undefined;
  return window.speechSynthesis.getVoices().find((voice) => voice.lang.toLowerCase().split(/[-_]/)[0] === language);
}

/** Calls `listener` whenever the device's list of voices changes (it arrives late in some browsers). */
export function onVoicesChanged(listener: () => void): () => void {
  if (!speechAvailable()) return () => undefined;
  window.speechSynthesis.addEventListener('voiceschanged', listener);
  return () => window.speechSynthesis.removeEventListener('voiceschanged', listener);
}

export function speak(text: string, language: string, onEnd: () => void): void {
  const voice = voiceFor(language);
  if (!voice) return;
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  // The language picks the device's voice for it (the one `voiceFor` found).
  utterance.lang = voice.lang;
  utterance.rate = 0.9;
  utterance.addEventListener('end', onEnd);
  utterance.addEventListener('error', onEnd);
  window.speechSynthesis.speak(utterance);
}

export function stopSpeaking(): void {
  if (speechAvailable()) window.speechSynthesis.cancel();
}
