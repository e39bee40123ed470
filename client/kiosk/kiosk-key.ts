/**
 * The key of an enrolled kiosk (`POST /api/kiosks`): a researcher opens `/kiosk#enrol=KEY` on the
 * tablet once. The key is kept in localStorage, carried over the wipe between respondents
 * (`wipeDevice`), and sent as `x-kiosk-key` with every start, so that codes mistyped at this
 * tablet count for it and not for every device at the site. The fragment never reaches a server
 * or a log, and it leaves the address bar at once.
 */

const storageKey = 'wavepanel-kiosk-key';

export function kioskKey(): string | undefined {
  try {
    return localStorage.getItem(storageKey) ?? undefined;
  } catch {
    return undefined;
  }
}

export function keepKioskKey(key: string | undefined): void {
  if (!key) return;
  try {
    localStorage.setItem(storageKey, key);
  } catch {
    // Storage disabled: the kiosk then counts as its address.
  }
}

/** Takes the key from `#enrol=KEY` in the address, if there, and removes it from the address bar. */
export function enrolFromAddress(): void {
  const match = /^#enrol=([A-Za-z0-9_-]{20,100})$/.exec(window.location.hash);
  if (!match) return;
  keepKioskKey(match[1]);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

export function kioskHeaders(): Record<string, string> {
  const key = kioskKey();
  return key ? { 'x-kiosk-key': key } : {};
}
