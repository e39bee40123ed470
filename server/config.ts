import path from 'node:path';

export type SyncMode = 'normal' | 'full';

export interface Config {
  /** Path of the SQLite database file (`DATABASE_URL`, `file:` prefix allowed). */
  databasePath: string;
  /** File holding the HMAC key for tokens; kept outside the database on purpose. */
  secretPath: string;
  surveysDir: string;
  localesDir: string;
  /** Built client (vite build output); absent in API-only tests. */
  clientDir: string;
  host: string;
  port: number;
  /** `full` survives power loss. In both modes writes of one event-loop turn are committed together (group commit). */
  syncMode: SyncMode;
  /** Cells with fewer respondents than this are suppressed in everything that leaves the platform. */
  minCellSize: number;
  /** Failed token attempts allowed per client address per window. */
  tokenAttemptLimit: number;
  tokenAttemptWindowMs: number;
  /** Body limit for every route, in bytes. */
  bodyLimit: number;
  /** A request whose headers and body have not fully arrived by then is answered 408 and its socket closed. */
  requestTimeoutMs: number;
  /**
   * Addresses (or CIDR ranges) of reverse proxies whose `X-Forwarded-For` is believed, so that
   * per-address limits apply to the real client. Empty: the socket's address counts.
   */
  trustedProxies: string[];
  /** Set when the app is served over https, so cookies get `Secure` and the `__Host-` prefix. */
  secureCookies: boolean;
  /** Admins must sign in with a second factor (TOTP); `WAVEPANEL_ADMIN_SECOND_FACTOR=0` turns that off, for an install behind another sign-in. */
  adminSecondFactor: boolean;
  logLevel: string;
}

const root = path.resolve(import.meta.dirname, '..');

function databasePathFrom(url: string | undefined): string {
  if (!url) return path.join(root, 'data', 'wavepanel.sqlite');
  return url.startsWith('file:') ? url.slice('file:'.length) : url;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const databasePath = databasePathFrom(env.DATABASE_URL);
  return {
    databasePath,
    secretPath: env.WAVEPANEL_SECRET_FILE ?? path.join(path.dirname(databasePath), 'wavepanel.secret'),
    surveysDir: env.WAVEPANEL_SURVEYS_DIR ?? path.join(root, 'surveys'),
    localesDir: env.WAVEPANEL_LOCALES_DIR ?? path.join(root, 'locales'),
    clientDir: env.WAVEPANEL_CLIENT_DIR ?? path.join(root, 'dist', 'client'),
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    syncMode: env.WAVEPANEL_SYNC === 'full' ? 'full' : 'normal',
    minCellSize: Number(env.WAVEPANEL_MIN_CELL ?? 10),
    tokenAttemptLimit: Number(env.WAVEPANEL_TOKEN_ATTEMPTS ?? 10),
    tokenAttemptWindowMs: 15 * 60 * 1000,
    bodyLimit: 256 * 1024,
    requestTimeoutMs: 30_000,
    trustedProxies: (env.WAVEPANEL_TRUSTED_PROXIES ?? '').split(',').map((p) => p.trim()).filter(Boolean),
    secureCookies: env.WAVEPANEL_SECURE_COOKIES === '1',
    adminSecondFactor: env.WAVEPANEL_ADMIN_SECOND_FACTOR !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    ...overrides,
  };
}

export const projectRoot = root;
