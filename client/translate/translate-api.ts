import type { RecordingSaved, Workspace, WorkspaceFile, WorkspaceString } from '../../shared/contract/translate.ts';
import { api } from '../researcher/lib/api.ts';

/** The translator workspace's API: the languages a user may work on, a file's strings, saving, reviewing and recordings. */

const path = (lang: string, namespace: string, key?: string) =>
  `/api/translate/${encodeURIComponent(lang)}/${encodeURIComponent(namespace)}${key === undefined ? '' : `/${encodeURIComponent(key)}`}`;

export const loadWorkspace = () => api<Workspace>('/api/translate');
export const loadFile = (lang: string, namespace: string) => api<WorkspaceFile>(path(lang, namespace));
export const saveString = (lang: string, namespace: string, key: string, text: string) =>
  api<WorkspaceString>(path(lang, namespace, key), { method: 'PUT', body: { text } });
export const reviewString = (lang: string, namespace: string, key: string) =>
  api<WorkspaceString>(`${path(lang, namespace, key)}/review`, { method: 'POST' });
/** Stores a recording (`url` is its string's `…/recording` address); the body is the audio itself. */
export const saveRecording = (url: string, audio: Blob) => api<RecordingSaved>(url, { method: 'PUT', body: audio });
export const recordingUrl = (lang: string, namespace: string, key: string) => `${path(lang, namespace, key)}/recording`;
