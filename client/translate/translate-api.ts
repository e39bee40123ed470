import type { LanguageGrant, WorkspaceFile, WorkspaceString } from '../../shared/translation-workspace.ts';
import { api } from '../researcher/lib/api.ts';

/** The translator workspace's API: the languages a user may work on, a file's strings, saving and reviewing. */

export interface Workspace {
  languages: LanguageGrant[];
  files: string[];
}

const path = (lang: string, namespace: string, key?: string) =>
  `/api/translate/${encodeURIComponent(lang)}/${encodeURIComponent(namespace)}${key === undefined ? '' : `/${encodeURIComponent(key)}`}`;

export const loadWorkspace = () => api<Workspace>('/api/translate');
export const loadFile = (lang: string, namespace: string) => api<WorkspaceFile>(path(lang, namespace));
export const saveString = (lang: string, namespace: string, key: string, text: string) =>
  api<WorkspaceString>(path(lang, namespace, key), { method: 'PUT', body: { text } });
export const reviewString = (lang: string, namespace: string, key: string) =>
  api<WorkspaceString>(`${path(lang, namespace, key)}/review`, { method: 'POST' });
