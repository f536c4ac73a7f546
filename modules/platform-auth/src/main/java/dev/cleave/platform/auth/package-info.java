/**
 * Bearer-token authentication, the development issuer, service tokens and rate limits.
 */
package dev.cleave.platform.auth;
