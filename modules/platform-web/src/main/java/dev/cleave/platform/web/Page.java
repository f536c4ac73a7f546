package dev.cleave.platform.web;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import dev.cleave.platform.api.Slice;

/**
 * The JSON shape of every listing: {@code {"items": [...], "nextCursor": "..." | null}}.
 *
 * @param items      the items of this page
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 * @param <T>        the item representation
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Turns a slice of domain objects into a page of representations.
     *
     * @param slice   the slice
     * @param listing the listing's name, bound into the cursor
     * @param id      the key the listing is ordered by
     * @param view    the representation of one item
     * @param <D>     the domain type
     * @param <T>     the representation type
     * @return the page
     */
    public static <D, T> Page<T> of(Slice<D> slice, String listing, ToLongFunction<D> id, Function<D, T> view) {
        List<D> items = slice.items();
        String next = slice.hasMore() && !items.isEmpty()
                ? PageQuery.cursor(listing, id.applyAsLong(items.getLast()))
                : null;
        return new Page<>(items.stream().map(view).toList(), next);
    }
}
