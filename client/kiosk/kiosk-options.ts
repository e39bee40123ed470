/** Kiosk timings in seconds, configurable in the address (`/kiosk?idle=60&warn=20&done=8`) for tests and sites. */
export interface KioskOptions {
  /** Inactivity before the warning. */
  idle: number;
  /** Countdown of the warning before the reset. */
  warn: number;
  /** How long the thank-you stays after completion. */
  done: number;
}

const defaults: KioskOptions = { idle: 90, warn: 20, done: 10 };

export function kioskOptions(search: string): KioskOptions {
  const params = new URLSearchParams(search);
  const read = (name: keyof KioskOptions) => {
    const value = Number(params.get(name));
    return Number.isFinite(value) && value > 0 ? value : defaults[name];
  };
  return { idle: read('idle'), warn: read('warn'), done: read('done') };
}
