import { insertUser, newAccountPasswordHash } from '../auth/auth.service.ts';
import { usersRepositoryFor } from '../auth/users.repository.pg.ts';
import type { Services } from '../services.ts';
import { deepLink } from '../letters/letters.ts';
import { checkWaveToSchedule } from '../studies/studies.service.ts';
import { formatToken, generateToken } from '../tokens/token.ts';
import { writeSyntheticPanelInto } from './synthetic-panel.ts';

const day = 24 * 60 * 60 * 1000;
export const demoPanelId = 'eaa';
export const demoCrossId = 'eaa-cross';
const demoTokenCount = 20;
/** The synthetic respondents who answered T0, T1 and T2, so that the demo's report and fieldwork have figures. */
export const demoRespondents = { participants: 500, seed: 2026, completeRegister: true };

/** The letter language of the demo's printed participant number `index` (from 0). */
function demoLanguage(index: number): string {
  return ['nl', 'ar', 'tr', 'ti', 'en'][index % 5]!;
}

/**
 * Demo tokens are derived from the server secret, so the same ones can be printed at every start
 * without ever storing a raw token.
 */
export function demoToken(services: Pick<Services, 'hash'>, index: number): string {
  const bytes = Buffer.from(services.hash('demo-token', String(index)), 'base64url').subarray(0, 16);
  return generateToken(() => bytes);
}

/**
 * The EAA panel (T0 open now, T1 and T2 later) and the anonymous one-off survey. The panel holds
 * the printed participants, who have answered nothing, and 500 synthetic ones (`EAA-S001`...)
 * with register data who answered all three waves ahead of time, their answers dated in each
 * wave's window: a panel as it looks when fieldwork is done.
 */
export async function seedDemo(services: Services): Promise<{ tokens: string[]; created: boolean }> {
  const { studies, surveys, hash } = services;
  const now = services.now().getTime();
  const tokens = Array.from({ length: demoTokenCount }, (_, i) => demoToken(services, i + 1));
  if (await studies.findStudy(demoPanelId)) return { tokens, created: false };

  const waves = [
    { code: 'T0', surveyId: 'eaa-t0', from: -30, to: 120 },
    { code: 'T1', surveyId: 'eaa-t1', from: 182, to: 240 },
    { code: 'T2', surveyId: 'eaa-t2', from: 365, to: 425 },
  ] as const;
  const panelWaves = waves.map((w) => ({ studyId: demoPanelId, code: w.code, surveyId: w.surveyId, surveyVersion: 1, opensAt: new Date(now + w.from * day), closesAt: new Date(now + w.to * day) }));
  const crossWave = { studyId: demoCrossId, code: 'X', surveyId: 'eaa-cross', surveyVersion: 1, opensAt: new Date(now - day), closesAt: new Date(now + 120 * day) };
  const created = await studies.seedOnce({
    studies: [
      { id: demoPanelId, name: 'EAA panel (demo)', kind: 'panel', createdAt: new Date(now) },
      { id: demoCrossId, name: 'EAA one-off survey (demo)', kind: 'cross', createdAt: new Date(now) },
    ],
    waves: [...panelWaves, crossWave].map((wave) => checkWaveToSchedule({ surveys, wave })),
    participants: tokens.map((token, i) => ({
      studyId: demoPanelId,
      pseudonym: `EAA-${String(i + 1).padStart(4, '0')}`,
      tokenHash: hash('token', token),
      language: demoLanguage(i),
      createdAt: new Date(now),
    })),
  });
  if (created) {
    const stored = new Map((await studies.wavesOf(demoPanelId)).map((w) => [w.code, w.id]));
    await writeSyntheticPanelInto(services.database, {
        studyId: demoPanelId,
        waves: panelWaves.map((w) => ({ ...w, id: stored.get(w.code)! })),
        ...demoRespondents,
        // Apart from the `EAA-0001` numbering that batches continue.
        pseudonym: (n) => `EAA-S${String(n + 1).padStart(3, '0')}`,
        // Made (and their letters sent) two weeks before T0 opened.
        createdAt: new Date(now + (waves[0].from - 14) * day),
    });
  }
  return { tokens, created };
}

export const demoAdminName = 'demo-admin';

/**
 * A researcher account for the demo, its password derived from the server secret so that it can
 * be printed at every start. Demo only: real accounts are made with `wavepanel user add`.
 */
export async function ensureDemoAdmin(services: Services): Promise<{ username: string; password: string }> {
  const password = services.hash('demo-admin-password', demoAdminName).slice(0, 20);
  if (!(await usersRepositoryFor(services.database).findByUsername(demoAdminName))) {
    const passwordHash = await newAccountPasswordHash({ database: services.database, username: demoAdminName, password });
    await insertUser({ database: services.database, now: services.now, username: demoAdminName, passwordHash, role: 'admin' });
  }
  return { username: demoAdminName, password };
}

export function describeDemo(tokens: string[], baseUrl: string, admin?: { username: string; password: string }): string {
  const lines = tokens.map((t, i) => `  EAA-${String(i + 1).padStart(4, '0')}  ${formatToken(t)}  ${deepLink(baseUrl, t, demoLanguage(i))}`);
  return [
    'Demo studies: panel "eaa" (T0 open now) and anonymous "eaa-cross".',
    `Respondent app: ${baseUrl}/   kiosk: ${baseUrl}/kiosk   preview: ${baseUrl}/preview   researchers: ${baseUrl}/researcher`,
    ...(admin ? [`Researcher sign-in (demo only): ${admin.username} / ${admin.password}`] : []),
    'Demo participant tokens (demo only: real tokens are shown once and never stored):',
    ...lines,
  ].join('\n');
}
