import type { Strings } from '../surveys/localization.ts';
import { sourceHash, type StatusFile } from './catalog.ts';

/**
 * How far one language is with one namespace. Every Dutch key is exactly one of reviewed
 * (accepted by a reviewer), translated (written by a translator, not reviewed yet), draft
 * (machine-made; also a translation the status sidecar does not know) or missing (no text). Stale counts keys whose translation was
 * made from another Dutch text than the current one; unused counts keys the Dutch source no longer has.
 */
export interface NamespaceReport {
  total: number;
  reviewed: number;
  translated: number;
  draft: number;
  missing: number;
  stale: number;
  unused: number;
  keys: { draft: string[]; missing: string[]; stale: string[]; unused: string[] };
}

export function reportNamespace(input: { source: Strings; translations: Strings; status: StatusFile }): NamespaceReport {
  const keys: NamespaceReport['keys'] = { draft: [], missing: [], stale: [], unused: [] };
  let reviewed = 0;
  let translated = 0;
  for (const [key, dutch] of Object.entries(input.source)) {
    const text = input.translations[key];
    const status = input.status[key];
    if (text === undefined || text.trim() === '') {
      keys.missing.push(key);
      continue;
    }
    if (status?.state === 'reviewed') reviewed++;
    else if (status?.state === 'translated') translated++;
    else keys.draft.push(key);
    if (status && status.source !== sourceHash(dutch)) keys.stale.push(key);
  }
  for (const key of Object.keys(input.translations)) if (!(key in input.source)) keys.unused.push(key);
  return {
    total: Object.keys(input.source).length,
    reviewed,
    translated,
    draft: keys.draft.length,
    missing: keys.missing.length,
    stale: keys.stale.length,
    unused: keys.unused.length,
    keys,
  };
}
