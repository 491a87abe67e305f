import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list page's filters kept in its address (?status=failed&startedFrom=2026-03-01), so that a
 * filtered list can be bookmarked, reloaded and sent. Each change builds on the address as last
 * set: two changes in a row (both dates typed quickly) keep both, even before the page has drawn
 * the first.
 */
export function useAddressFilter() {
  const [params, setParams] = useSearchParams();
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);
  const change = (edit: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(latest.current);
    edit(next);
    latest.current = next;
    setParams(next);
  };
  return {
    params,
    setParams,
    /** Sets the given keys; an empty value removes its key. */
    update: (changes: Record<string, string | null | undefined>) =>
      change((next) => {
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
      }),
    /** Removes the given keys (all of them when none are named). */
    clear: (keys?: readonly string[]) => change((next) => (keys ?? [...next.keys()]).forEach((key) => next.delete(key))),
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day (YYYY-MM-DD) from the address; anything else is no filter. */
export function dayParam(params: URLSearchParams, key: string): string | undefined {
  const value = params.get(key);
  return value && DAY.test(value) ? value : undefined;
}

/**
 * The page's address parameters as the address holds them now. The router writes a change into the
 * address at once and shows it a moment later (pages render in a transition), so a change built on
 * what the page last rendered would undo one made just before it: a day typed and Enter pressed
 * with the last digit would lose the day to the search box's submit.
 */
export const addressNow = () => new URLSearchParams(window.location.search);
