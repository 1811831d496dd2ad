/** Light, dark, or whatever the system uses; the choice is remembered on this machine. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'layerlab.theme';

function stored(): ThemeChoice {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export class ThemeState {
  choice = $state<ThemeChoice>(stored());
  private systemDark = $state(false);
  readonly resolved: Theme = $derived(this.choice === 'system' ? (this.systemDark ? 'dark' : 'light') : this.choice);

  constructor() {
    const query = matchMedia('(prefers-color-scheme: dark)');
    this.systemDark = query.matches;
    query.addEventListener('change', (event) => (this.systemDark = event.matches));
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  }

  /** Switches to the opposite of what is on screen. */
  toggle(): void {
    this.set(this.resolved === 'dark' ? 'light' : 'dark');
  }
}
