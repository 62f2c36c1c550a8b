import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { DepartmentsFileSchema, type Department } from './department-schema.js';
import { ProcedureFrontMatterSchema, type Procedure } from './procedure-schema.js';

/** One problem in one file: the path and the failing field, so the author can fix it. */
export interface KnowledgeProblem {
  path: string;
  field: string;
  message: string;
}

export interface KnowledgeBaseContent {
  procedures: Procedure[];
  departments: Department[];
  problems: KnowledgeProblem[];
}

/**
 * Reads and validates the whole knowledge base directory. Invalid files are reported (path + field)
 * and left out; valid ones are returned, so one bad file never hides the rest.
 */
export function loadKnowledgeBase(directory: string): KnowledgeBaseContent {
  const problems: KnowledgeProblem[] = [];
  const departments = loadDepartments(directory, problems);
  const procedures: Procedure[] = [];
  const proceduresDirectory = join(directory, 'procedures');
  const files = existsSync(proceduresDirectory)
    ? readdirSync(proceduresDirectory)
        .filter((file) => file.endsWith('.md'))
        .sort()
    : [];
  for (const file of files) {
    const path = join(proceduresDirectory, file);
    const procedure = parseProcedureFile(path, relative(process.cwd(), path), problems);
    if (procedure) procedures.push(procedure);
  }
  checkReferences(procedures, departments, problems);
  return { procedures, departments, problems };
}

/** Parses one procedure file; records problems and returns undefined when it is not valid. */
export function parseProcedureFile(
  path: string,
  shownPath: string,
  problems: KnowledgeProblem[],
): Procedure | undefined {
  const raw = readFileSync(path, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(raw);
  if (!match) {
    problems.push({
      path: shownPath,
      field: '(front matter)',
      message: 'the file must start with YAML front matter between --- lines',
    });
    return undefined;
  }
  let data: unknown;
  try {
    data = parseYaml(match[1]);
  } catch (error) {
    problems.push({
      path: shownPath,
      field: '(front matter)',
      message: `invalid YAML: ${(error as Error).message.split('\n')[0]}`,
    });
    return undefined;
  }
  const result = ProcedureFrontMatterSchema.safeParse(data);
  if (!result.success) {
    problems.push(...zodProblems(shownPath, result.error));
    return undefined;
  }
  const expectedSlug = path.split('/').pop()!.replace(/\.md$/, '');
  if (result.data.slug !== expectedSlug) {
    problems.push({ path: shownPath, field: 'slug', message: `must equal the file name (${expectedSlug})` });
    return undefined;
  }
  const body = match[2].trim();
  if (body.length === 0) {
    problems.push({ path: shownPath, field: '(body)', message: 'the Markdown body is empty' });
    return undefined;
  }
  return {
    ...result.data,
    body,
    path: shownPath,
    contentHash: createHash('sha256').update(raw).digest('hex'),
  };
}

function loadDepartments(directory: string, problems: KnowledgeProblem[]): Department[] {
  const path = join(directory, 'departments.yaml');
  const shownPath = relative(process.cwd(), path);
  if (!existsSync(path)) {
    problems.push({ path: shownPath, field: '(file)', message: 'departments.yaml is missing' });
    return [];
  }
  try {
    const result = DepartmentsFileSchema.safeParse(parseYaml(readFileSync(path, 'utf8')));
    if (result.success) return result.data;
    problems.push(...zodProblems(shownPath, result.error));
  } catch (error) {
    problems.push({
      path: shownPath,
      field: '(file)',
      message: `invalid YAML: ${(error as Error).message.split('\n')[0]}`,
    });
  }
  return [];
}

function checkReferences(
  procedures: Procedure[],
  departments: Department[],
  problems: KnowledgeProblem[],
): void {
  const slugs = new Set(procedures.map((procedure) => procedure.slug));
  const departmentIds = new Set(departments.map((department) => department.id));
  for (const procedure of procedures) {
    // Also when departments.yaml failed to load: a procedure whose department is unknown routes nowhere.
    if (!departmentIds.has(procedure.department)) {
      problems.push({
        path: procedure.path,
        field: 'department',
        message: `unknown department "${procedure.department}"`,
      });
    }
    for (const related of procedure.related) {
      if (!slugs.has(related))
        problems.push({ path: procedure.path, field: 'related', message: `unknown procedure "${related}"` });
    }
  }
}

function zodProblems(path: string, error: z.ZodError): KnowledgeProblem[] {
  return error.issues.map((issue) => ({
    path,
    field: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
