// Splices text into a source by offsets, keeping every other character as it was: the evaluator
// rewrites free references and completion values this way, never by regenerating code from an AST.
// Edits nest like parentheses (an open, inner edits, a close); ties at one offset are ordered so
// that outer edits enclose inner ones. Guards against automatic semicolon insertion (ASI) changing
// the parse where inserted text starts or ends a statement. No side effects.
import { arrayJoin, arrayPush, arraySort, create, stringCharCodeAt, stringSlice } from '../commons.js';
import { marker } from './source-markers.js';

const CLOSE = 0;
const OPEN = 1;
const REPLACE = 2;

interface Edit {
  readonly at: number;
  /** Where the original text resumes: `at` for insertions. */
  readonly end: number;
  readonly text: string;
  readonly role: number;
  readonly seq: number;
}

export interface SourceEdits {
  /** Inserts `text` at `at`, opening a wrap; `safeStart` says the text starts with a word, not `(`. */
  open(at: number, text: string, safeStart?: boolean): void;
  /** Inserts `text` at `at`, closing a wrap opened earlier. */
  close(at: number, text: string): void;
  /** Replaces `[start, end)` (which holds no other edit) with `text`; `safeStart` as for `open`. */
  replace(start: number, end: number, text: string, safeStart?: boolean): void;
  /**
   * The source with every edit applied. With a `markKey`, each inserted piece of text is preceded
   * by its marker (source-markers.ts), so that `unmark` gives back the source of any slice.
   */
  apply(markKey?: string): string;
}

// At one offset: closes first, innermost (latest) first; then opens, outermost (earliest) first;
// then the replacement of the text that starts there.
const compare = (a: Edit, b: Edit): number => {
  if (a.at !== b.at) return a.at - b.at;
  if (a.role !== b.role) return a.role - b.role;
  return a.role === CLOSE ? b.seq - a.seq : a.seq - b.seq;
};

/**
 * `expressionStatementStarts`: where an ExpressionStatement starts. Text inserted there that begins
 * with `(` could join the statement to the previous line when that line relied on ASI
 * (`a = b⏎x()` would become `a = b⏎(…)()`, a call of b), so such an edit is preceded by
 * `void 0, `, which starts with a word and leaves the statement's value unchanged.
 * `unterminatedEnds`: where a statement or class field ended by ASI. A `)` closed there could let
 * the next line continue it (`a++⏎[b] = c` would become `(…a++…)⏎[b] = c`, an index), so the
 * `;` that ASI inserted is written out after the last close there.
 */
/** Identifier characters (ASCII letters, digits, `$`, `_`, and anything non-ASCII, conservatively). */
const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95 || c > 127;

export const makeSourceEdits = (
  source: string,
  expressionStatementStarts: readonly number[],
  unterminatedEnds: readonly number[],
): SourceEdits => {
  const edits: Edit[] = [];
  const unguarded = create(null) as Record<number, boolean>;
  for (let i = 0; i < expressionStatementStarts.length; i += 1) unguarded[expressionStatementStarts[i]] = true;
  const unterminated = create(null) as Record<number, true>;
  for (let i = 0; i < unterminatedEnds.length; i += 1) unterminated[unterminatedEnds[i]] = true;

  const add = (at: number, end: number, text: string, role: number): void => {
    arrayPush(edits, { at, end, text, role, seq: edits.length });
  };
  const guard = (at: number): void => {
    if (unguarded[at] === true) {
      unguarded[at] = false;
      add(at, at, 'void 0, ', OPEN);
    }
  };

  return {
    open(at, text, safeStart = false) {
      if (safeStart) unguarded[at] = false;
      else guard(at);
      add(at, at, text, OPEN);
    },
    close(at, text) {
      add(at, at, text, CLOSE);
    },
    replace(start, end, text, safeStart = false) {
      if (safeStart) unguarded[start] = false;
      else guard(start);
      add(start, end, text, REPLACE);
    },
    apply(markKey) {
      arraySort(edits, compare);
      const parts: string[] = [];
      let from = 0;
      // The last character written so far: inserted text must never glue onto a keyword or name
      // (`else` + `$pfC = (` would read `else$pfC`), nor let one glue onto it: a space separates
      // (or, when marking, an empty marker: a comment separates tokens as well).
      let last = -1;
      const write = (text: string): void => {
        if (text.length === 0) return;
        if (isWordChar(last) && isWordChar(stringCharCodeAt(text, 0))) {
          arrayPush(parts, markKey === undefined ? ' ' : marker(markKey, '', 0));
        }
        arrayPush(parts, text);
        last = stringCharCodeAt(text, text.length - 1);
      };
      // Inserted text, standing for `original`: marked when asked to.
      const insert = (text: string, original: string): void => {
        if (text.length === 0 && original.length === 0) return;
        if (markKey !== undefined) {
          arrayPush(parts, marker(markKey, original, text.length, last === 47 /* / */));
          last = -1;
        }
        write(text);
      };
      // Where a statement ended by ASI, the `;` is written after the expression-level closes (`)`)
      // and before the statement-level ones (`}` of the completion's blocks around an enclosing
      // statement): after a `}` it would be an empty statement, detaching a following `else`.
      let semicolonAt = -1;
      const isBlockClose = (e: Edit | undefined): boolean =>
        e !== undefined && e.role === CLOSE && stringCharCodeAt(e.text, 0) === 125; /* } */
      for (let i = 0; i < edits.length; i += 1) {
        const e = edits[i];
        if (e.at > from) write(stringSlice(source, from, e.at));
        const asi = e.role === CLOSE && unterminated[e.at] === true && semicolonAt !== e.at;
        if (asi && isBlockClose(e)) {
          insert(';', '');
          semicolonAt = e.at;
        }
        insert(e.text, e.end > e.at ? stringSlice(source, e.at, e.end) : '');
        if (e.end > from) from = e.end;
        const next = edits[i + 1];
        const lastClose = next === undefined || next.at !== e.at || next.role !== CLOSE;
        if (asi && semicolonAt !== e.at && (lastClose || isBlockClose(next))) {
          insert(';', '');
          semicolonAt = e.at;
        }
      }
      write(stringSlice(source, from));
      return arrayJoin(parts, '');
    },
  };
};
