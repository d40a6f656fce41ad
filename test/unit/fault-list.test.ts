/**
 * The curated faults of `npm run test:faults` (scripts/test-faults.ts) still fit the code: each
 * search text occurs in its file as often as the list says, and the tests named exist — so that a
 * refactor which moves a figure's SQL makes the list fail here, in every `npm test`, rather than
 * leave a fault that no longer applies. (Running the faults themselves takes minutes: not here.)
 */
import { describe, expect, it } from 'vitest';
import { FAULTS, faultListProblems } from '../../scripts/test-faults.ts';

describe('npm run test:faults', () => {
  it('every fault of the list still applies to the code as it is, and names tests that exist', () => {
    expect(FAULTS.length).toBeGreaterThan(20);
    expect(faultListProblems(FAULTS, '.')).toEqual([]);
  });

  it('covers every family of figures readers see, each caught by the tests of a page that shows it', () => {
    const families = ['师生比', '缺口', '兼职折算', '劳务派遣', '周工作要求', '月工作要求', '周平均', '考核等次', '优秀比例', '连续两年不合格', '十佳', '迟到', '研究生德育助理', '校级培训', '国家级/省级', '岗前培训', '队伍结构', '助理配备', '汇报'];
    for (const family of families) expect(FAULTS.some((f) => f.family.includes(family)), family).toBe(true);
    for (const f of FAULTS) expect(f.tests.length, f.id).toBeGreaterThan(0);
  });
});
