import { ZodError } from "zod";
import { AppError, type TErrorCode } from "./app-error";

const titles: Record<TErrorCode, string> = {
  INVALID_INPUT: "Invalid input",
  UNAUTHORIZED: "Authentication required",
  FORBIDDEN: "Forbidden",
  NOT_FOUND: "Not found",
  CONFLICT: "Conflict",
  PAYLOAD_TOO_LARGE: "Payload too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Internal error",
};

export type TProblem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { field: string; message: string; index?: number }[];
  [extension: string]: unknown;
};

/** Converts zod issues to field errors ("grants.0.action: Invalid option…"). */
export function fieldErrorsFromZod(error: ZodError) {
  return error.issues.map((issue) => ({ field: issue.path.join(".") || "(body)", message: issue.message }));
}

/** RFC 9457 problem details for any error; unknown errors say nothing about internals. */
export function toProblem(error: unknown, instance?: string): TProblem {
  const appError =
    error instanceof AppError
      ? error
      : error instanceof ZodError
        ? new AppError("INVALID_INPUT", "The request is not valid.", { fieldErrors: fieldErrorsFromZod(error) })
        : new AppError("INTERNAL", "Something went wrong on the server. The error was logged; nothing was changed.");
  const problem: TProblem = {
    type: `https://custody.dev/problems/${appError.code.toLowerCase().replace(/_/g, "-")}`,
    title: titles[appError.code],
    status: appError.status,
    detail: appError.message,
    ...appError.extra,
  };
  if (instance) problem.instance = instance;
  if (appError.fieldErrors.length > 0) problem.errors = appError.fieldErrors;
  return problem;
}

export function problemResponse(error: unknown, instance?: string, headers: Record<string, string> = {}): Response {
  const problem = toProblem(error, instance);
  if (problem.status >= 500) console.error("[custody] unhandled error", error);
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: {
      "content-type": "application/problem+json",
      ...(problem.status === 401 ? { "www-authenticate": 'Bearer realm="custody"' } : {}),
      ...headers,
    },
  });
}
