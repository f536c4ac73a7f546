package dev.cleave.platform.api;

import java.util.List;

/**
 * One page of a listing in key order, and whether more follow it.
 *
 * @param items   the items of this page
 * @param hasMore whether items follow the last one
 * @param <T>     the item type
 */
public record Slice<T>(List<T> items, boolean hasMore) {
    /**
     * Copies the items.
     */
    public Slice {
        items = List.copyOf(items);
    }

    /**
     * Cuts a list fetched with one row more than the page size into a page.
     *
     * @param fetched up to {@code limit + 1} items
     * @param limit   the page size
     * @param <T>     the item type
     * @return the page
     */
    public static <T> Slice<T> of(List<T> fetched, int limit) {
        return fetched.size() > limit
                ? new Slice<>(fetched.subList(0, limit), true)
                : new Slice<>(fetched, false);
    }
}
