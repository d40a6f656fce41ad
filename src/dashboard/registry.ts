/** Every page of the dashboard, in navigation order. */
import { assessmentPage } from './pages/assessment.ts';
import { assistantsPage } from './pages/assistants.ts';
import { departmentPage } from './pages/department.ts';
import { overviewPage } from './pages/overview.ts';
import { qualityPage } from './pages/quality.ts';
import { quotaPage } from './pages/quota.ts';
import { staffingPage } from './pages/staffing.ts';
import { structurePage } from './pages/structure.ts';
import { trainingPage } from './pages/training.ts';
import { workloadPage } from './pages/workload.ts';
import type { PageSpec } from './types.ts';

export const PAGE_LIST: readonly PageSpec[] = [
  overviewPage,
  staffingPage,
  structurePage,
  workloadPage,
  assessmentPage,
  quotaPage,
  trainingPage,
  assistantsPage,
  departmentPage,
  qualityPage,
];

export const PAGES: Record<string, PageSpec> = Object.fromEntries(PAGE_LIST.map((p) => [p.id, p]));

/** The navigation bar. */
export const NAV: ReadonlyArray<{ id: string; path: string; label: string }> = [
  ...PAGE_LIST.map((p) => ({ id: p.id, path: p.path, label: p.navLabel })),
  { id: 'report', path: 'report.html', label: '党委会汇报' },
];
