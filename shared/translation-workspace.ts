/** The translator workspace's contract: what the server sends and the client shows. */

export type StringState = 'missing' | 'draft' | 'translated' | 'reviewed';

export interface WorkspaceString {
  key: string;
  /** The Dutch text. */
  source: string;
  context?: { where: string; meaning: string };
  /** The translation, when there is one. */
  text?: string;
  state: StringState;
  /** The translation was made from another Dutch text than today's. */
  stale: boolean;
  /** A recording of the text (survey files), stale when the Dutch text changed after it was made. */
  recording?: { url: string; stale: boolean };
}

export interface WorkspaceFile {
  lang: string;
  namespace: string;
  /** For a survey: its newest version, which the preview shows. */
  survey?: { id: string; version: number };
  strings: WorkspaceString[];
}

export interface LanguageGrant {
  lang: string;
  /** May also mark translations reviewed. */
  reviewer: boolean;
}
