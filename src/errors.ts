// Every error Permafrost raises: one stable code each (documented in docs/errors/<CODE>.md) and a
// message that names the API and the bad value's kind. Uses only captured constructors.
// No side effects.
import { RangeError, ReferenceError, SyntaxError, TypeError } from './commons.js';

/** Stable error codes. Each has a page at docs/errors/<code>.md. */
export const codes = {
  ALREADY_LOCKED_DOWN: 'PF_ALREADY_LOCKED_DOWN',
  MULTIPLE_INSTANCES: 'PF_MULTIPLE_INSTANCES',
  UNKNOWN_OPTION: 'PF_UNKNOWN_OPTION',
  BAD_OPTION_VALUE: 'PF_BAD_OPTION_VALUE',
  BAD_OPTIONS: 'PF_BAD_OPTIONS',
  LOCKDOWN_FAILED: 'PF_LOCKDOWN_FAILED',
  NOT_LOCKED_DOWN: 'PF_NOT_LOCKED_DOWN',
  HARDEN_FAILED: 'PF_HARDEN_FAILED',
  FUNCTION_CONSTRUCTOR_DISABLED: 'PF_FUNCTION_CONSTRUCTOR_DISABLED',
  EVAL_DISABLED: 'PF_EVAL_DISABLED',
  DATE_NOW_DISABLED: 'PF_DATE_NOW_DISABLED',
  MATH_RANDOM_DISABLED: 'PF_MATH_RANDOM_DISABLED',
  BAD_ENVIRONMENT_OPTION: 'PF_BAD_ENVIRONMENT_OPTION',
  NO_DOMAINS: 'PF_NO_DOMAINS',
  UNCAUGHT_EXCEPTION: 'PF_UNCAUGHT_EXCEPTION',
  UNHANDLED_REJECTION: 'PF_UNHANDLED_REJECTION',
  ERROR_TRAPPING_UNSUPPORTED: 'PF_ERROR_TRAPPING_UNSUPPORTED',
  UNEXPECTED_STACK_ACCESSOR: 'PF_UNEXPECTED_STACK_ACCESSOR',
  UNRECOGNIZED_DETAILS: 'PF_UNRECOGNIZED_DETAILS',
  BAD_ASSERT_ARGUMENT: 'PF_BAD_ASSERT_ARGUMENT',
  SYNTAX_ERROR: 'PF_SYNTAX_ERROR',
  IMPORT_EXPRESSION_REJECTED: 'PF_IMPORT_EXPRESSION_REJECTED',
  IMPORT_META_REJECTED: 'PF_IMPORT_META_REJECTED',
  MODULE_SYNTAX_REJECTED: 'PF_MODULE_SYNTAX_REJECTED',
  HTML_COMMENT_REJECTED: 'PF_HTML_COMMENT_REJECTED',
  SOURCE_NOT_STRING: 'PF_SOURCE_NOT_STRING',
  STACK_EXHAUSTED: 'PF_STACK_EXHAUSTED',
  NOT_A_COMPARTMENT: 'PF_NOT_A_COMPARTMENT',
  COMPARTMENT_REQUIRES_NEW: 'PF_COMPARTMENT_REQUIRES_NEW',
  INERT_COMPARTMENT_CONSTRUCTOR: 'PF_INERT_COMPARTMENT_CONSTRUCTOR',
  // --- legacy/require ---
  MODULE_NOT_FOUND: 'PF_MODULE_NOT_FOUND',
  // --- modules ---
  BAD_MODULE_DESCRIPTOR: 'PF_BAD_MODULE_DESCRIPTOR',
  MODULE_LOAD_FAILED: 'PF_MODULE_LOAD_FAILED',
  MODULE_LINK_FAILED: 'PF_MODULE_LINK_FAILED',
  MODULE_NOT_LINKED: 'PF_MODULE_NOT_LINKED',
  MODULE_IS_ASYNC: 'PF_MODULE_IS_ASYNC',
  MODULE_NOT_EVALUATED: 'PF_MODULE_NOT_EVALUATED',
  NAMESPACE_READ_ONLY: 'PF_NAMESPACE_READ_ONLY',
  BAD_REQUIRE_CONFIG: 'PF_BAD_REQUIRE_CONFIG',
  MODE_NOT_GRANTED: 'PF_MODE_NOT_GRANTED',
} as const;

export type ErrorCode = (typeof codes)[keyof typeof codes];

type ErrorCtor = new (message: string) => Error;

/** Formats the one message style we use: `<api>: <what went wrong> (<CODE>)`. */
export const formatMessage = (api: string, message: string, code: ErrorCode): string => `${api}: ${message} (${code})`;

const make =
  (Ctor: ErrorCtor) =>
  (api: string, message: string, code: ErrorCode): Error =>
    new Ctor(formatMessage(api, message, code));

export const makeTypeError = make(TypeError);
export const makeRangeError = make(RangeError);
export const makeSyntaxError = make(SyntaxError);
export const makeReferenceError = make(ReferenceError);
