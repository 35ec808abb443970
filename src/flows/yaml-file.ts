/**
 * Reads a YAML file and validates it with a zod schema, turning every problem into
 * `path/to/file.yaml:LINE:COL message` so a support manager can jump straight to it.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isNode, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';

export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

/** One problem in one file, printable as `file:line:col message`. */
export class FlowFileProblem {
  constructor(
    readonly position: SourcePosition,
    readonly message: string,
  ) {}

  toString(): string {
    return `${this.position.file}:${this.position.line}:${this.position.col} ${this.message}`;
  }
}

/** Thrown when one or more files are invalid; the message lists every problem, one per line. */
export class FlowFilesInvalidError extends Error {
  readonly code = 'SUPPORT_ERR_FLOWS_INVALID';
  constructor(readonly problems: FlowFileProblem[]) {
    super(problems.map(String).join('\n'));
    this.name = 'FlowFilesInvalidError';
  }
}

/** A parsed YAML document that can say where a path of keys sits in the file. */
export interface LocatedDocument {
  file: string;
  data: unknown;
  locate(path: ReadonlyArray<PropertyKey>): SourcePosition;
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** Parses YAML text; syntax errors become problems with positions. */
export function parseYaml(
  text: string,
  file: string,
): { doc?: LocatedDocument; problems: FlowFileProblem[] } {
  const shown = displayPath(file);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: shown, line, col };
  };
  const problems = document.errors.map(
    (error) => new FlowFileProblem(at(error.pos[0]), error.message.split('\n')[0] ?? error.message),
  );
  if (document.errors.length > 0) return { problems };
  const locate = (path: ReadonlyArray<PropertyKey>): SourcePosition => {
    // Walk down as far as the path exists; a missing key is reported at its parent.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && (node as Node).range) return at((node as Node).range![0]);
    }
    return { file: shown, line: 1, col: 1 };
  };
  return { doc: { file: shown, data: document.toJS(), locate }, problems };
}

/** Turns zod issues into positioned problems. */
export function zodProblems(doc: LocatedDocument, error: z.ZodError): FlowFileProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path as PropertyKey[];
    const where = path.length ? `${path.join('.')}: ` : '';
    return new FlowFileProblem(doc.locate(path), `${where}${issue.message}${hint(doc.data, issue)}`);
  });
}

/** The classic YAML trap: `{zh: 好的, en: Yes, thanks}` — the comma ends the English text. */
function hint(data: unknown, issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys') return '';
  let node: unknown = data;
  for (const key of issue.path) node = (node as Record<PropertyKey, unknown> | undefined)?.[key as string];
  if (node && typeof node === 'object' && ('zh' in node || 'en' in node)) {
    return ' (a comma inside {zh: …, en: …} ends the text there: put the text in quotes)';
  }
  return '';
}

/** Reads and validates one file. Returns the value, or the problems (never both). */
export function readYamlFile<S extends z.ZodType>(
  file: string,
  schema: S,
): { value?: z.output<S>; doc?: LocatedDocument; problems: FlowFileProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { problems: [new FlowFileProblem({ file: displayPath(file), line: 1, col: 1 }, reason)] };
  }
  const { doc, problems } = parseYaml(text, file);
  if (!doc) return { problems };
  const parsed = schema.safeParse(doc.data);
  if (!parsed.success) return { doc, problems: [...problems, ...zodProblems(doc, parsed.error)] };
  return { value: parsed.data, doc, problems };
}
