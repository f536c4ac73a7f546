/**
 * The order context's v1 REST API: {@code /v1/orders}. Parses and checks requests, calls the domain, writes JSON.
 */
package dev.cleave.order.adapter.http;
