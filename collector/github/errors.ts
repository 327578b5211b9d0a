/** Reading Octokit's errors without depending on its classes. */

export interface GraphqlErrorItem {
  type?: string;
  message: string;
  path?: (string | number)[];
}

/** The errors of a GraphQL response that had some (Octokit throws those, with partial `data`). */
export function graphqlErrors(
  error: unknown,
): { errors: GraphqlErrorItem[]; data: unknown } | null {
  if (
    error &&
    typeof error === 'object' &&
    'errors' in error &&
    Array.isArray((error as { errors: unknown }).errors)
  ) {
    const e = error as { errors: GraphqlErrorItem[]; data?: unknown };
    return { errors: e.errors, data: e.data ?? null };
  }
  return null;
}

export function httpStatus(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}
