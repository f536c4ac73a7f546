package dev.cleave.platform.spi;

/**
 * The identity a service presents when it calls another one: an access token of its own (in production obtained
 * with the OAuth 2.0 client-credentials grant), handed to remote clients by the launcher. A client asks for the
 * token on every call; the launcher's implementation caches it until shortly before it expires.
 */
@FunctionalInterface
public interface ServiceCredentials {
    /**
     * The current access token, for an {@code Authorization: Bearer} header.
     *
     * @return the token
     * @throws dev.cleave.platform.api.UnavailableException if no token can be had now (the issuer refuses or cannot
     *                                                      be reached)
     */
    String bearerToken();
}
