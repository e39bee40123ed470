import { Type, type Static } from 'typebox';

/** What the pages load at run time beside a survey: the client's own strings, and which texts have a recording. */

export const CatalogSchema = Type.Record(Type.String(), Type.Unknown(), { description: 'app: i18next JSON v4, nested keys; surveyjs: survey-core string names' });
export type Catalog = Static<typeof CatalogSchema>;

export const RecordingListSchema = Type.Object({ recordings: Type.Record(Type.String(), Type.String({ description: 'URL of the recording' })) });
export type RecordingList = Static<typeof RecordingListSchema>;
