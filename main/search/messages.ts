/** What a search tells its user when it cannot go on: what happened, why, what to do. */
const seconds = (s: number): string => `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;

export const searchMessages = {
  noLimit: 'The search needs a limit: give a time budget (--budget-seconds 60) or a number of trials (--trials 20).',
  budgetEndedPreparing: (budget: number, elapsed: number): string =>
    `The budget of ${budget} s ended while the data was being prepared (${seconds(elapsed)}), before any network trained. Give a larger budget (--budget-seconds ${Math.max(30, Math.ceil(elapsed * 4))} or more).`,
  noTrialFinished: (reason: 'trials' | 'budget' | 'stopped', budget: number | undefined, elapsed: number): string =>
    reason === 'stopped'
      ? `The search was stopped after ${seconds(elapsed)}, before its first network finished training, so there is no model. Start it again and let it run a little longer.`
      : reason === 'budget'
        ? `The budget of ${budget} s ended before the first network finished training, so there is no model. Give a larger budget (--budget-seconds ${Math.max(30, (budget ?? 0) * 4)} or more).`
        : 'No trial finished training (every one diverged or failed). Check the cleaning recipe: numbers on very different scales or a target with extreme values can do that.',
} as const;
