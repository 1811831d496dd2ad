/** The messages shown in the notice area: errors and warnings stay until dismissed, information fades. */
export type NoticeKind = 'error' | 'warning' | 'info' | 'success';

export interface Notice {
  readonly id: number;
  readonly kind: NoticeKind;
  readonly title: string;
  readonly detail: string;
}

const FADE_MS = 6000;

export class Notices {
  items = $state<Notice[]>([]);
  private next = 1;

  push(kind: NoticeKind, title: string, detail = ''): number {
    const id = this.next++;
    // A repeated message replaces its twin instead of stacking, and only the latest success is worth showing.
    const stale = (n: Notice) => (n.title === title && n.detail === detail) || (kind === 'success' && n.kind === 'success');
    this.items = [...this.items.filter((n) => !stale(n)), { id, kind, title, detail }];
    if (kind === 'info' || kind === 'success') setTimeout(() => this.dismiss(id), FADE_MS);
    return id;
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }
}
