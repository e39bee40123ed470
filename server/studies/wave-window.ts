/** Which wave a respondent gets now: a pure rule over the study's wave windows. */

export interface WaveWindow {
  id: number;
  code: string;
  opensAt: Date;
  closesAt: Date;
}

export type WaveChoice<W extends WaveWindow> =
  | { open: true; wave: W }
  | { open: false; reason: 'wave_not_open'; opensAt: Date | undefined }
  | { open: false; reason: 'wave_closed' };

export function isOpen(wave: WaveWindow, now: Date): boolean {
  return wave.opensAt.getTime() <= now.getTime() && now.getTime() < wave.closesAt.getTime();
}

/**
 * The wave open now; otherwise "not open yet" with the next opening (between two waves, or before
 * the first), or "closed" when the last wave has closed.
 */
export function chooseWave<W extends WaveWindow>(waves: W[], now: Date): WaveChoice<W> {
  const open = waves.find((w) => isOpen(w, now));
  if (open) return { open: true, wave: open };
  const next = waves
    .filter((w) => w.opensAt.getTime() > now.getTime())
    .sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime())[0];
  if (next) return { open: false, reason: 'wave_not_open', opensAt: next.opensAt };
  if (waves.length === 0) return { open: false, reason: 'wave_not_open', opensAt: undefined };
  return { open: false, reason: 'wave_closed' };
}
