import { request } from '../shared/api-client.ts';
import { keepKioskKey, kioskKey } from './kiosk-key.ts';

/**
 * Everything of the last respondent leaves the device: web storage, IndexedDB, Cache Storage,
 * the server's cookie and storage (`Clear-Site-Data` from the reset endpoint, which also rotates
 * the session cookie) and the address bar. Only the kiosk's enrolment key stays. React state is
 * dropped by the caller (remount).
 */
export async function wipeDevice(kioskAddress: string): Promise<void> {
  // The tablet's own kiosk key is no trace of a respondent: it is put back after the wipe.
  const key = kioskKey();
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  if ('speechSynthesis' in window) window.speechSynthesis.cancel();
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    // Storage may be disabled; then there is nothing in it either.
  }
  const tasks: Promise<unknown>[] = [];
  if ('indexedDB' in window && typeof indexedDB.databases === 'function') {
    tasks.push(
      indexedDB.databases().then((databases) =>
        Promise.all(
          databases.map(
            (database) =>
              new Promise<void>((resolve) => {
                if (!database.name) return resolve();
                const request = indexedDB.deleteDatabase(database.name);
                request.onsuccess = request.onerror = request.onblocked = () => resolve();
              }),
          ),
        ),
      ),
    );
  }
  if ('caches' in window) tasks.push(caches.keys().then((keys) => Promise.all(keys.map((key) => caches.delete(key)))));
  await Promise.allSettled(tasks);
  // Only once the device's own wipe is over: Chromium never answers an `indexedDB.databases()`
  // that is still under way when Clear-Site-Data clears the storage, and the kiosk stayed blank.
  await request('POST /api/respondent/kiosk/reset', { body: {} }).catch(() => undefined);
  keepKioskKey(key);
  window.history.replaceState(null, '', kioskAddress);
}
