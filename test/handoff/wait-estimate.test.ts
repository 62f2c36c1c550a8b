import { describe, expect, it } from '@jest/globals';
import { DEFAULT_WAIT_PER_PLACE_SECONDS, estimateWaitMinutes } from '../../src/handoff/wait-estimate.js';

describe('estimateWaitMinutes', () => {
  it('uses the documented default without recent claims', () => {
    expect(estimateWaitMinutes(1, [])).toBe(Math.ceil(DEFAULT_WAIT_PER_PLACE_SECONDS / 60));
    expect(estimateWaitMinutes(3, [])).toBe(Math.ceil((3 * DEFAULT_WAIT_PER_PLACE_SECONDS) / 60));
  });

  it('multiplies the median recent wait by the place in the queue', () => {
    expect(estimateWaitMinutes(2, [60, 90, 3600])).toBe(3); // median 90 s × 2
    expect(estimateWaitMinutes(1, [30, 90])).toBe(1); // median 60 s
  });

  it('never says zero minutes', () => {
    expect(estimateWaitMinutes(1, [2])).toBe(1);
  });
});
