import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.ts';

/**
 * The printable report turned into a PDF by headless Chromium's own printing (`--print-to-pdf`),
 * the browser the tests already use; `WAVEPANEL_CHROMIUM` names another binary. Without one the
 * PDF is refused with a clear error and the printable page and CSV still work.
 */

export const chromiumCommand = process.env.WAVEPANEL_CHROMIUM ?? 'chromium';

let chromiumFound: boolean | undefined;

/** Whether Chromium runs here; asked once per process. */
export function pdfAvailable(): boolean {
  chromiumFound ??= spawnSync(chromiumCommand, ['--version'], { stdio: 'ignore' }).status === 0;
  return chromiumFound;
}

/** Prints the HTML to an A4 PDF in a private temporary folder (mode 0700, also Chromium's profile), removed afterwards. */
export async function htmlToPdf(html: string): Promise<Buffer> {
  if (!pdfAvailable()) throw new AppError('unprocessable', 'Chromium is not installed here, so no PDF can be made; print the report page or download the CSV instead.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wavepanel-pdf-'));
  try {
    const page = path.join(dir, 'report.html');
    const pdf = path.join(dir, 'report.pdf');
    fs.writeFileSync(page, html, { mode: 0o600 });
    const chromium = spawn(
      chromiumCommand,
      ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', `--user-data-dir=${path.join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${page}`],
      { cwd: dir, env: { PATH: process.env.PATH, HOME: dir }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    chromium.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const timer = setTimeout(() => chromium.kill('SIGKILL'), 60_000);
    const [status] = (await once(chromium, 'close')) as [number | null];
    clearTimeout(timer);
    if (status !== 0 || !fs.existsSync(pdf)) throw new AppError('unprocessable', `Chromium could not print the report: ${stderr.split('\n').slice(0, 3).join(' ')}`);
    return fs.readFileSync(pdf);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
