/** The texts of a letter, in the order they stand on it; a study may write its own for each (Dutch). */
export const letterTextKeys = ['title', 'greeting', 'intro', 'scan', 'codeLabel', 'kiosk', 'keep', 'lost', 'thanks'] as const;
export type LetterTextKey = (typeof letterTextKeys)[number];
