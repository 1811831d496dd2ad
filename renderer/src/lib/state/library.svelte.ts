/** What can be opened without browsing: the bundled samples and the files opened recently. */
import type { RecentFile, SampleInfo } from '../../../../main/api/contract.ts';
import { messages } from '../messages.ts';
import type { Platform } from '../platform/platform.ts';
import type { Notices } from './notices.svelte.ts';

export class Library {
  samples = $state.raw<SampleInfo[] | null>(null);
  recent = $state.raw<readonly RecentFile[]>([]);

  constructor(
    private readonly platform: Platform,
    private readonly notices: Notices,
  ) {}

  async load(): Promise<void> {
    const [samples, recent] = await Promise.allSettled([this.platform.api.listSamples(), this.platform.api.listRecentFiles()]);
    if (samples.status === 'fulfilled') this.samples = samples.value;
    else {
      this.samples = [];
      this.notices.push('error', messages.samplesFailed, samples.reason instanceof Error ? samples.reason.message : String(samples.reason));
    }
    if (recent.status === 'fulfilled') this.recent = recent.value;
  }

  setRecent(files: readonly RecentFile[]): void {
    this.recent = files;
  }
}
