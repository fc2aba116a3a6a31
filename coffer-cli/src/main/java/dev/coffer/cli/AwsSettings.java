package dev.coffer.cli;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Where the AWS configuration comes from: environment variables and the shared config/credentials files, read
 * the way the AWS CLI and SDKs read them. Injectable so that tests can give a command a clean environment.
 *
 * <p>What differs from the SDK on purpose: with no endpoint configured anywhere, the endpoint is a local Coffer
 * ({@value #LOCAL_COFFER}), and with no region anywhere, {@value #DEFAULT_REGION} (Coffer's default). The
 * special endpoint {@value #AWS_ENDPOINT} asks for the standard AWS endpoints instead.
 */
public final class AwsSettings {
    /** Where {@code coffer server} listens by default. */
    public static final String LOCAL_COFFER = "http://127.0.0.1:9000";
    /** The region {@code coffer server} is by default. */
    public static final String DEFAULT_REGION = "us-east-1";
    /** The {@code --endpoint} value that means "AWS's own endpoint for the region". */
    public static final String AWS_ENDPOINT = "aws";

    private final Map<String, String> env;
    private final Supplier<ProfileFile> profileFile;
    private final boolean sdkCredentialChain;

    private AwsSettings(Map<String, String> env, Supplier<ProfileFile> profileFile, boolean sdkCredentialChain) {
        this.env = Map.copyOf(requireNonNull(env, "env"));
        this.profileFile = requireNonNull(profileFile, "profileFile");
        this.sdkCredentialChain = sdkCredentialChain;
    }

    /** The process's environment and {@code ~/.aws}, with the SDK's whole credential chain as the last resort. */
    public static AwsSettings system() {
        return new AwsSettings(System.getenv(), ProfileFile::defaultProfileFile, true);
    }

    /**
     * Only {@code env} and {@code profileFile}: no system properties, no {@code ~/.aws}, no container or instance
     * credentials. For tests.
     */
    public static AwsSettings of(Map<String, String> env, ProfileFile profileFile) {
        requireNonNull(profileFile, "profileFile");
        return new AwsSettings(env, () -> profileFile, false);
    }

    /** An empty profile file, for {@link #of}. */
    public static ProfileFile emptyProfileFile() {
        return ProfileFile.builder().content("").type(ProfileFile.Type.CONFIGURATION).build();
    }

    /** What the commands need to reach KMS, resolved from the options first, then this configuration. */
    public record Resolved(Optional<URI> endpoint, String region, String profileName,
            AwsCredentialsProvider credentials) {
        /** For error messages: the endpoint, or the region's AWS endpoint. */
        public String describeEndpoint() {
            return endpoint.map(URI::toString).orElse("AWS KMS in " + region);
        }
    }

    Resolved resolve(Optional<String> endpointOption, Optional<String> regionOption, Optional<String> profileOption) {
        String profileName = profileOption.or(() -> env("AWS_PROFILE")).orElse("default");
        ProfileFile file = profileFile.get();
        Optional<Profile> profile = file.profile(profileName);
        String region = regionOption.or(() -> env("AWS_REGION")).or(() -> env("AWS_DEFAULT_REGION"))
                .or(() -> profile.flatMap(p -> p.property("region"))).orElse(DEFAULT_REGION);
        return new Resolved(endpoint(endpointOption, file, profile), region, profileName,
                credentials(file, profile, profileName));
    }

    private Optional<URI> endpoint(Optional<String> option, ProfileFile file, Optional<Profile> profile) {
        if (option.isPresent()) {
            return option.get().equalsIgnoreCase(AWS_ENDPOINT) ? Optional.empty() : Optional.of(parseUri(option.get()));
        }
        boolean ignoreConfigured = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").map(Boolean::parseBoolean)
                .or(() -> profile.flatMap(p -> p.booleanProperty("ignore_configured_endpoint_urls")))
                .orElse(false);
        if (ignoreConfigured) {
            // Configuration that says "ignore the configured endpoints" means "use AWS's".
            return Optional.empty();
        }
        Optional<String> configured = env("AWS_ENDPOINT_URL_KMS")
                .or(() -> profile.flatMap(p -> p.property("services"))
                        .flatMap(name -> file.getSection("services", name))
                        .flatMap(s -> s.property("kms.endpoint_url")))
                .or(() -> env("AWS_ENDPOINT_URL"))
                .or(() -> profile.flatMap(p -> p.property("endpoint_url")));
        return Optional.of(parseUri(configured.orElse(LOCAL_COFFER)));
    }

    private AwsCredentialsProvider credentials(ProfileFile file, Optional<Profile> profile, String profileName) {
        Optional<String> accessKey = env("AWS_ACCESS_KEY_ID");
        Optional<String> secretKey = env("AWS_SECRET_ACCESS_KEY");
        if (accessKey.isPresent() && secretKey.isPresent()) {
            Optional<String> token = env("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token.isPresent()
                    ? AwsSessionCredentials.create(accessKey.get(), secretKey.get(), token.get())
                    : AwsBasicCredentials.create(accessKey.get(), secretKey.get()));
        }
        if (profile.isPresent()) {
            return ProfileCredentialsProvider.builder().profileFile(file).profileName(profileName).build();
        }
        if (sdkCredentialChain) {
            return DefaultCredentialsProvider.builder().profileFile(file).profileName(profileName).build();
        }
        return () -> {
            throw CliException.environment("no AWS credentials found (set AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, or configure a profile in ~/.aws/credentials)");
        };
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static URI parseUri(String value) {
        try {
            URI uri = URI.create(value.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw CliException.usage("endpoint '" + value + "' is not a URL like http://127.0.0.1:9000 (or 'aws')");
        }
    }

    @Override
    public String toString() {
        return "AwsSettings[" + env.size() + " variables, sdkCredentialChain=" + sdkCredentialChain + "]";
    }
}
