package dev.coffer.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** Where KMS is and who is asking: the options both commands share. */
public final class KmsOptions {
    @Option(names = "--endpoint", paramLabel = "URL",
            description = "KMS endpoint. Default: AWS_ENDPOINT_URL_KMS, AWS_ENDPOINT_URL or the profile's"
                    + " endpoint_url; with none of them a local Coffer, " + AwsSettings.LOCAL_COFFER + "."
                    + " 'aws' means AWS KMS's own endpoint for the region.")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region. Default: AWS_REGION, AWS_DEFAULT_REGION or the profile's region;"
                    + " with none of them " + AwsSettings.DEFAULT_REGION + ".")
    String region;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Profile in ~/.aws/config and ~/.aws/credentials. Default: AWS_PROFILE, else 'default'.")
    String profile;

    AwsSettings.Resolved resolve(AwsSettings settings) {
        return settings.resolve(Optional.ofNullable(endpoint), Optional.ofNullable(region),
                Optional.ofNullable(profile));
    }

    @Override
    public String toString() {
        return "KmsOptions[" + endpoint + ", " + region + ", " + profile + "]";
    }
}
