/**
 * Which files of earlier builds to delete from `dist/client/assets`. A build does not empty the
 * folder: a page loaded before the build still asks for the chunks its HTML named (the survey
 * chunk, a language's strings), so they stay for `keepMs` after the build that replaced them.
 */
export interface BuiltFile {
  name: string;
  modifiedMs: number;
}

export const keepPreviousAssetsMs = 7 * 24 * 60 * 60 * 1000;

export function staleAssets(files: BuiltFile[], current: ReadonlySet<string>, nowMs: number, keepMs = keepPreviousAssetsMs): string[] {
  const base = (name: string) => name.replace(/\.(br|gz)$/, '');
  return files.filter((file) => !current.has(base(file.name)) && nowMs - file.modifiedMs > keepMs).map((file) => file.name);
}
