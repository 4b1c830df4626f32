/** localStorage key holding the learner's theme choice ("light" or "dark"); absent means "follow the system". */
export const THEME_STORAGE_KEY = 'layerlab:theme';

export type Theme = 'light' | 'dark';

export function parseTheme(value: unknown): Theme | null {
  return value === 'light' || value === 'dark' ? value : null;
}
