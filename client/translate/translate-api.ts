import { api } from '../researcher/lib/api.ts';

/** The translator workspace's API: the languages a user may work on, a file's strings, saving, reviewing and recordings. */

export const loadWorkspace = () => api('GET /api/translate');
export const loadFile = (lang: string, namespace: string) => api('GET /api/translate/:lang/:namespace', { params: { lang, namespace } });
export const saveString = (lang: string, namespace: string, key: string, text: string) =>
  api('PUT /api/translate/:lang/:namespace/:key', { params: { lang, namespace, key }, body: { text } });
export const reviewString = (lang: string, namespace: string, key: string) =>
  api('POST /api/translate/:lang/:namespace/:key/review', { params: { lang, namespace, key } });
/** A string of a file in a language: where its recording is stored. */
export interface StringAddress {
  lang: string;
  namespace: string;
  key: string;
}
/** Stores a recording; the body is the audio itself. */
export const saveRecording = (at: StringAddress, audio: Blob) => api('PUT /api/translate/:lang/:namespace/:key/recording', { params: { ...at }, body: audio });
