/**
 * Finds and reads flow tests (`flows/tests/*.yaml`). A malformed transcript is reported like any other
 * flow file, as `flows/tests/x.yaml:LINE:COL message`, and is not run.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  displayPath,
  type FlowFileProblem,
  type LocatedDocument,
  readYamlFile,
  type SourcePosition,
} from '../../flows/yaml-file.js';
import { type Transcript, transcriptSchema } from './schema.js';

/** A transcript ready to run, with a way to point at any of its lines. */
export interface LoadedTranscript {
  /** The file as shown to people (relative to the working directory). */
  file: string;
  transcript: Transcript;
  /** Where step `index` (0-based) starts in the file: failures are reported there. */
  stepPosition(index: number): SourcePosition;
}

export type TranscriptLoad =
  | { ok: true; loaded: LoadedTranscript }
  | { ok: false; file: string; problems: FlowFileProblem[] };

/** Reads and checks one transcript; problems come sorted by line, each as `file:LINE:COL message`. */
export function loadTranscript(file: string): TranscriptLoad {
  const { value, doc, problems } = readYamlFile(file, transcriptSchema);
  if (!value || !doc || problems.length > 0) {
    const byLine = [...problems].sort(
      (a, b) => a.position.line - b.position.line || a.position.col - b.position.col,
    );
    return { ok: false, file: doc?.file ?? displayPath(file), problems: byLine };
  }
  return { ok: true, loaded: located(doc, value) };
}

function located(doc: LocatedDocument, transcript: Transcript): LoadedTranscript {
  return {
    file: doc.file,
    transcript,
    stepPosition: (index) => doc.locate(['steps', index]),
  };
}

/**
 * The transcripts to run: the given files and folders (a folder means its `*.yaml`, not its
 * sub-folders, so `flows/tests/pending/` stays out unless named), sorted by name for a stable order.
 */
export function findTranscripts(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      // A missing file is reported by the loader with its name.
    }
    if (!isFolder) {
      files.push(path);
      continue;
    }
    const names = readdirSync(path)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort();
    files.push(...names.map((name) => join(path, name)));
  }
  return files;
}
