/** One page of a list (offset paging) with the total number of matches. */
export interface Page<T> {
  readonly items: ReadonlyArray<T>;
  readonly total: number;
}

/** Paging limits every list endpoint shares. */
export const MAX_PAGE_SIZE = 500;
