/**
 * What releasing long-quarantined addresses into one campaign would do to its hard bounces
 * (seed 002): the figures the policy estimates (release.ts) and the Engine contract carries.
 * This file imports nothing: the renderer, which has no Node, type-checks it through
 * core/contract.ts.
 */
export type ReleaseRiskVerdict = 'safe' | 'caution' | 'unsafe' | 'nothing_to_release';

/** The estimate, but for its message: in both languages from the policy, in the agent’s over the contract. */
export interface ReleaseRiskFigures {
  /** long-quarantined addresses of the set, the ones a release would put back into campaigns */
  released: number;
  /** addresses of the set that are not in long quarantine (left out of the estimate) */
  skipped: number;
  campaignSize: number;
  expectedHardBounces: number;
  /** expected hard bounces / campaign size, 0..1 (0.004 is 0.4 %) */
  expectedRate: number;
  /** if every released address bounced */
  worstCaseRate: number;
  /** seed 002: keep a campaign’s hard bounces under 1 % */
  limit: number;
  /** most addresses of this mix releasable into one campaign of that size under the limit */
  maxPerCampaign: number;
  verdict: ReleaseRiskVerdict;
}
