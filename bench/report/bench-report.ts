import { renderTable, type Table } from './render-table.ts';

/**
 * What the bench prints, collected twice: as text on stdout while it runs, and as Markdown for
 * bench/out/report.md (the raw material of bench/RESULTS.md).
 */
export class BenchReport {
  private readonly markdown: string[] = [];

  heading(title: string): void {
    process.stdout.write(`\n== ${title} ==\n`);
    this.markdown.push(`\n## ${title}\n`);
  }

  line(text: string): void {
    process.stdout.write(`${text}\n`);
    this.markdown.push(`${text}\n`);
  }

  /** Progress shown on the console only. */
  progress(text: string): void {
    process.stdout.write(`  … ${text}\n`);
  }

  table(table: Table): void {
    process.stdout.write(`${renderTable(table, 'text')}\n`);
    this.markdown.push(`\n${renderTable(table, 'markdown')}\n`);
  }

  toMarkdown(title: string): string {
    return `# ${title}\n${this.markdown.join('')}`;
  }
}
