/**
 * The user context's v1 REST API: {@code /v1/users}. Parses and checks requests, calls the domain, writes JSON.
 */
package dev.cleave.user.adapter.http;
