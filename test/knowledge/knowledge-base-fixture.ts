import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromProjectRoot } from '../../src/project-root.js';

const PROJECT_KB = fromProjectRoot('knowledge-base');

/**
 * A throw-away knowledge-base directory made of copies of the project's real files (so tests use
 * real content, not invented procedures), which a test can then edit, break or delete.
 */
export class KnowledgeBaseFixture {
  readonly directory: string;

  constructor(slugs: string[]) {
    this.directory = mkdtempSync(join(tmpdir(), 'antonia-kb-'));
    mkdirSync(join(this.directory, 'procedures'));
    copyFileSync(join(PROJECT_KB, 'departments.yaml'), join(this.directory, 'departments.yaml'));
    for (const slug of slugs) this.copy(slug);
  }

  path(slug: string): string {
    return join(this.directory, 'procedures', `${slug}.md`);
  }

  /** Copies a project file, without its `related` links (the other procedures may not be here). */
  copy(slug: string): void {
    const text = readFileSync(join(PROJECT_KB, 'procedures', `${slug}.md`), 'utf8');
    this.write(slug, text.replace(/^related:(?: \[.*\]\n|\n(?: +- .*\n)+)/m, 'related: []\n'));
  }

  /** A catalog.yaml that lists exactly the procedures now in the directory, with their kinds. */
  writeCatalog(): void {
    const entries = readdirSync(join(this.directory, 'procedures'))
      .filter((file) => file.endsWith('.md'))
      .map((file) => {
        const slug = file.replace(/\.md$/, '');
        const kind = /^kind: (\S+)$/m.exec(this.read(slug))?.[1] ?? 'procedure';
        return `- {slug: ${slug}, kind: ${kind}}\n`;
      });
    writeFileSync(join(this.directory, 'catalog.yaml'), entries.join(''));
  }

  /** Writes another file of the knowledge-base directory (departments.yaml, official-sources.yaml…). */
  writeFile(name: string, text: string): void {
    writeFileSync(join(this.directory, name), text);
  }

  read(slug: string): string {
    return readFileSync(this.path(slug), 'utf8');
  }

  write(slug: string, text: string): void {
    writeFileSync(this.path(slug), text);
  }

  /** Replaces the first occurrence of `search` in the file; fails when it is absent. */
  edit(slug: string, search: string | RegExp, replacement: string): void {
    const text = this.read(slug);
    const edited = text.replace(search, replacement);
    if (edited === text) throw new Error(`${slug}.md does not contain ${String(search)}`);
    this.write(slug, edited);
  }

  remove(slug: string): void {
    rmSync(this.path(slug));
  }

  dispose(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }
}
