/**
 * The messages shown in the notice area. Every notice closes by itself (information soon, errors and warnings
 * after long enough to read them) or with its close button; errors and warnings about one dataset are closed when
 * another dataset opens.
 */
export type NoticeKind = 'error' | 'warning' | 'info' | 'success';

export interface Notice {
  readonly id: number;
  readonly kind: NoticeKind;
  readonly title: string;
  readonly detail: string;
}

export const FADE_MS: Readonly<Record<NoticeKind, number>> = { info: 6000, success: 6000, warning: 20_000, error: 20_000 };

export class Notices {
  items = $state<Notice[]>([]);
  private next = 1;
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();

  push(kind: NoticeKind, title: string, detail = ''): number {
    const id = this.next++;
    // A repeated message replaces its twin instead of stacking, and only the latest success is worth showing.
    const stale = (n: Notice) => (n.title === title && n.detail === detail) || (kind === 'success' && n.kind === 'success');
    for (const n of this.items.filter(stale)) this.forget(n.id);
    this.items = [...this.items.filter((n) => !stale(n)), { id, kind, title, detail }];
    this.fade(id);
    return id;
  }

  dismiss(id: number): void {
    this.forget(id);
    this.items = this.items.filter((n) => n.id !== id);
  }

  /** Starts the time after which a notice closes by itself. */
  private fade(id: number): void {
    const notice = this.items.find((n) => n.id === id);
    if (!notice) return;
    clearTimeout(this.timers.get(id));
    this.timers.set(id, setTimeout(() => this.dismiss(id), FADE_MS[notice.kind]));
  }

  /** Another dataset is open: what went wrong with the previous one no longer applies. */
  clearProblems(): void {
    for (const n of this.items) if (n.kind === 'error' || n.kind === 'warning') this.dismiss(n.id);
  }

  private forget(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }
}
