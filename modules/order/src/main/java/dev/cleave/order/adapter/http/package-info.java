/**
 * The order context's REST API, both major versions: {@code /v1/orders} (deprecated, cents of one currency) and
 * {@code /v2/orders} (money with its currency). Parses and checks requests, calls the domain, writes JSON; one
 * {@link dev.cleave.order.adapter.http.OrderWire} per version says how.
 */
package dev.cleave.order.adapter.http;
