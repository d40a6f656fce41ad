/**
 * The size of every group of people the public build publishes figures for (src/domain/disclosure.ts):
 * per semester, population and department, how many people — counted the way the metric SQL
 * counts them (a counselor is a roster row, someone assessed an assessment row, a work-log person
 * the workload tables' person, an assistant one in force for the semester).
 */
import { POPULATIONS } from '../domain/disclosure.ts';
import { assistantListSql } from './assistants.ts';
import { sqlString } from './sql.ts';
import { workloadTables, type WorkloadParams } from './workload.ts';

export interface GroupSizeRow {
  semester: string;
  population: string;
  department: string;
  people: number;
}

const prefix = (p: string) => sqlString(p.slice(0, p.indexOf(':') + 1));

export function groupSizesSql(p: WorkloadParams): string {
  const role = (kind: (r: string) => string) => prefix(kind('x'));
  const parts = [
    `SELECT semester, ${prefix(POPULATIONS.fullTime)} || employment AS population, department, COUNT(*) AS people FROM counselors GROUP BY ALL`,
    `SELECT semester, ${sqlString(POPULATIONS.roster)}, department, COUNT(*) FROM counselors GROUP BY ALL`,
    `SELECT semester, ${role(POPULATIONS.assessed)} || role, department, COUNT(*) FROM assessments GROUP BY ALL`,
    `SELECT semester, ${role(POPULATIONS.scored)} || role, department, COUNT(*) FROM assessments WHERE score IS NOT NULL GROUP BY ALL`,
    `SELECT semester, ${role(POPULATIONS.itemised)} || role, department, COUNT(*) FROM assessments WHERE item_sum IS NOT NULL GROUP BY ALL`,
    `SELECT semester, ${role(POPULATIONS.worklog)} || role, department, COUNT(*) FROM ${workloadTables(p).people} GROUP BY ALL`,
    `SELECT semester, ${sqlString(POPULATIONS.assistants)}, department, COUNT(*) FROM (${assistantListSql({})}) GROUP BY ALL`,
    `SELECT semester, ${sqlString(POPULATIONS.graduates)}, department, COUNT(*) FROM graduate_assistants GROUP BY ALL`,
  ];
  return `SELECT semester, population, department, people::INTEGER AS people FROM (${parts.join('\nUNION ALL\n')}) ORDER BY semester, population, department`;
}
