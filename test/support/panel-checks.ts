/**
 * Which test compares each panel of each page with an independent expectation (the oracles of
 * this folder), for the internal and the public build. test/e2e/panels.test.ts lists the panels
 * of every built page and fails on one that is not here, and on an entry whose test file does not
 * read the panel (its `mark`, a table id or selector, must occur in that file).
 *
 * Keys: `<page>#<panel>`; department pages are `department#<panel>`. `public` gives the check of
 * the public build where its panel differs from the internal one (counts instead of lists);
 * without it the public panel is the internal one's table, compared cell by cell with it by
 * audience.test.ts, and through it with the oracle.
 */
export interface PanelCheck {
  test: string;
  /** Text the test file must contain: the table id or selector it reads. */
  mark: string;
  public?: { test: string; mark: string };
}

const e2e = (page: string) => `test/e2e/${page}.test.ts`;
const counts = (mark: string) => ({ test: e2e('public-counts'), mark });

export const PANEL_CHECKS: Record<string, PanelCheck> = {
  'index#cards': { test: e2e('overview'), mark: '[data-figure="${m}"]' },
  'index#departments': { test: e2e('overview'), mark: "'departments-table'" },
  'index#areas': { test: e2e('overview'), mark: "'areas-table'" },

  'staffing#summary': { test: e2e('staffing'), mark: '[data-figure="${key}"] dd' },
  'staffing#ratio': { test: e2e('staffing'), mark: "'ratio-table'" },
  'staffing#trend': { test: e2e('staffing'), mark: "'trend-table'" },
  'staffing#hiring': { test: e2e('staffing'), mark: "'hiring-table'", public: counts("'hiring-table'") },

  'structure#summary': { test: e2e('structure'), mark: '${prefix}summary-table' },
  'structure#breakdown': { test: e2e('structure'), mark: '${prefix}breakdown-table' },
  'structure#compare': { test: e2e('structure'), mark: "'compare-table'" },
  'structure#stacks': { test: e2e('structure'), mark: "'stacks-table'" },
  'structure#pyramid': { test: e2e('structure'), mark: "'pyramid-table'" },
  'structure#people': { test: e2e('structure'), mark: 'checkPeople(page, semesters.at(-1)!, INSTITUTION)' },
  'structure#completeness': { test: e2e('structure'), mark: "'completeness-table'" },

  'workload#norms': { test: e2e('workload'), mark: "'norms-table'" },
  'workload#departments': { test: e2e('workload'), mark: "'departments-table'" },
  'workload#heatmap': { test: e2e('workload'), mark: "'heatmap-table'" },
  'workload#shortfalls': { test: e2e('workload'), mark: "'shortfalls-table'", public: counts("'shortfalls-table'") },
  'workload#assistants': { test: e2e('workload'), mark: "'assistants-table'", public: counts("'assistants-table'") },

  'assessment#grades': { test: e2e('assessment'), mark: "'grades-table'" },
  'assessment#scores': { test: e2e('assessment'), mark: "'scores-table'" },
  'assessment#dimensions': { test: e2e('assessment'), mark: "'dimensions-table'" },
  'assessment#mismatches': { test: e2e('assessment'), mark: "'mismatches-table'", public: counts("'mismatches-table'") },
  'assessment#consecutive-fail': { test: e2e('assessment'), mark: "'consecutive-fail-table'", public: counts("'consecutive-fail-table'") },
  'assessment#top-counselors': { test: e2e('assessment'), mark: "'top-counselors-table'", public: counts("'top-counselors-table'") },

  'quota#total': { test: e2e('quota'), mark: '#panel-total [data-figure' },
  'quota#units': { test: e2e('quota'), mark: "'units-table'" },

  'training#units': { test: e2e('training'), mark: "'units-table'" },
  'training#people': { test: e2e('training'), mark: "'people-table'", public: counts("'people-table'") },
  'training#induction': { test: e2e('training'), mark: "'induction-table'", public: counts("'induction-table'") },

  'assistants#coverage': { test: e2e('assistants'), mark: "'coverage-table'" },
  'assistants#eligibility': { test: e2e('assistants'), mark: "'eligibility-table'", public: counts("'eligibility-table'") },
  'assistants#uncovered': { test: e2e('assistants'), mark: "'uncovered-table'" },
  'assistants#results': { test: e2e('assistants'), mark: "'results-table'" },
  'assistants#lateness': { test: e2e('assistants'), mark: "'lateness-table'", public: counts("'lateness-table'") },
  'assistants#graduates': { test: e2e('assistants'), mark: "'graduates-table'", public: counts("'graduates-table'") },

  'quality#coverage': { test: e2e('coverage'), mark: "'#coverage-table tbody tr'" },
  'quality#summary': { test: e2e('quality'), mark: 'await checkCards(page, all)' },
  'quality#files': { test: e2e('quality'), mark: "'files-table'" },
  'quality#checklist': { test: e2e('checklist'), mark: "'checklist-table'" },
  'quality#resend': { test: e2e('quality'), mark: "'resend-table'" },
  'quality#rejects': { test: e2e('quality'), mark: "'rejects-table'" },
  'quality#warnings': { test: e2e('quality'), mark: "'warnings-table'" },
  'quality#departments': { test: e2e('quality'), mark: "'departments-table'" },

  'department#ranks': { test: e2e('department'), mark: "'ranks-table'" },
  'department#summary': { test: e2e('department'), mark: '[data-figure="gap"]' },
  'department#hiring': { test: e2e('department'), mark: "'hiring-table'" },
  'department#structure-summary': { test: e2e('structure'), mark: "'structure-'" },
  'department#structure-breakdown': { test: e2e('structure'), mark: "'structure-'" },
  'department#structure-people': { test: e2e('structure'), mark: "checkPeople(page, latest, dept, 'structure-')" },
  'department#workload-norms': { test: e2e('department'), mark: "'workload-norms-table'" },
  'department#workload-shortfalls': { test: e2e('department'), mark: "'workload-shortfalls-table'" },
  'department#assessment-grades': { test: e2e('department'), mark: "'assessment-grades-table'" },
  'department#assessment-mismatches': { test: e2e('department'), mark: "'assessment-mismatches-table'" },
  'department#quota-units': { test: e2e('department'), mark: "'quota-units-table'" },
  'department#training-units': { test: e2e('department'), mark: "'training-units-table'" },
  'department#training-people': { test: e2e('department'), mark: "'training-people-table'" },
  'department#assistants-coverage': { test: e2e('department'), mark: "'assistants-coverage-table'" },
  'department#assistants-eligibility': { test: e2e('department'), mark: "'assistants-eligibility-table'" },
  'department#assistants-uncovered': { test: e2e('department'), mark: "'assistants-uncovered-table'" },
};
