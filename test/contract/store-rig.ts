/**
 * How a contract suite gets a store: `open` makes a fresh, empty one; `reopen` opens the same data
 * again as a restarted process would (and closes the first); `close` releases everything.
 */
export interface StoreRig<S> {
  store: S;
  reopen(): Promise<S>;
  /** A second instance on the same data at the same time (a second replica), where the store allows one. */
  second?(): Promise<S>;
  close(): Promise<void>;
}

export type OpenRig<S, O = Record<string, never>> = (options?: Partial<O>) => Promise<StoreRig<S>>;
