package dev.cleave.user.client;

import java.net.URI;

import dev.cleave.platform.spi.RemoteApiProvider;
import dev.cleave.platform.spi.ServiceCredentials;
import dev.cleave.user.api.UserDirectory;
import io.helidon.config.Config;

/**
 * Offers {@link UserDirectory} from the user service, at {@code USER_SERVICE_URL} (default
 * {@code http://127.0.0.1:8081}).
 */
public final class UserDirectoryClientProvider implements RemoteApiProvider {

    /**
     * Called by {@link java.util.ServiceLoader}.
     */
    public UserDirectoryClientProvider() {
    }

    @Override
    public Class<?> api() {
        return UserDirectory.class;
    }

    @Override
    public String service() {
        return "user";
    }

    @Override
    public URI defaultUrl() {
        return URI.create("http://127.0.0.1:8081");
    }

    @Override
    public RemoteApi connect(Config config, URI baseUrl, ServiceCredentials credentials) {
        HttpUserDirectory directory = new HttpUserDirectory(baseUrl, UserClientSettings.from(config), credentials);
        return new RemoteApi(directory, directory, directory);
    }
}
