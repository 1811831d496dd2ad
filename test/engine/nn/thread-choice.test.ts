import { describe, expect, it } from 'vitest';
import { ThreadChoice } from '../../../engine/nn/thread-choice.ts';

/** Runs `batches` batches, each taking `ms(helped)`; returns how many used the helper. */
function drive(choice: ThreadChoice, batches: number, ms: (helped: boolean) => number): number {
  let helped = 0;
  for (let i = 0; i < batches; i++) {
    const helper = choice.useHelper();
    if (helper) helped++;
    choice.record(helper, ms(helper));
  }
  return helped;
}

describe('ThreadChoice', () => {
  it('alternates while timing, then keeps the faster side: the helper when halving the time pays', () => {
    const choice = new ThreadChoice();
    const first = Array.from({ length: 10 }, () => {
      const helper = choice.useHelper();
      choice.record(helper, helper ? 1 : 2);
      return helper;
    });
    expect(first).toEqual([false, true, false, true, false, true, false, true, false, true]);
    expect(choice.helping).toBe(true);
    expect(drive(choice, 100, (h) => (h ? 1 : 2))).toBe(100);
  });

  it('keeps this thread when the helper is slower (a busy machine), and times again later', () => {
    const choice = new ThreadChoice();
    drive(choice, 10, (h) => (h ? 5 : 2));
    expect(choice.helping).toBe(false);
    expect(drive(choice, 100, (h) => (h ? 5 : 2))).toBe(0);
    // The machine quiets down: the next round of timing switches to the helper.
    drive(choice, 10, (h) => (h ? 1 : 2));
    expect(choice.helping).toBe(true);
  });

  it('goes by the median, so one interrupted batch does not decide', () => {
    const choice = new ThreadChoice();
    let n = 0;
    drive(choice, 10, (h) => (h ? (n++ === 0 ? 50 : 1) : 2));
    expect(choice.helping).toBe(true);
  });

  it('times less often while the same side keeps winning (the time between rounds doubles)', () => {
    const choice = new ThreadChoice();
    drive(choice, 10, (h) => (h ? 1 : 2));
    // Round 2 starts after 100 batches; winning again, the next run lasts 200.
    expect(drive(choice, 100 + 10, (h) => (h ? 1 : 2))).toBe(100 + 5);
    expect(drive(choice, 200, (h) => (h ? 1 : 2))).toBe(200);
  });
});
