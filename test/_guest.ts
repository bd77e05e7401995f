// Test helper for the error attack tests: "guest" code runs in a fresh Compartment (so its `Error`
// is %SharedError%, as for every compartment) with `endowments` as its globals; the source is a
// function body (it may `return`). Needs lockdown(). `SharedError` is checked to be what the
// compartment's `Error` is, so the tests cannot silently exercise another constructor.

export const makeGuest =
  (SharedError: ErrorConstructor) =>
  (source: string, endowments: Record<string, unknown> = {}): any => {
    const compartment = new Compartment({ __options__: true, globals: endowments });
    if (compartment.globalThis.Error !== SharedError) throw new Error('the compartment\'s Error is not %SharedError%');
    return compartment.evaluate(`(function () {\n${source}\n})()`);
  };

/** True if `text` shows a stack frame or a file path: what guests must never see. */
export const revealsFrames = (text: unknown): boolean =>
  typeof text === 'string' && (/\n\s*at /.test(text) || /file:|\/[\w.-]+\/|node:internal|\.js:\d+/.test(text));
