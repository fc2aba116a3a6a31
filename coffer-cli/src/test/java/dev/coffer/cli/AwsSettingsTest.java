package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.profiles.ProfileFile;

class AwsSettingsTest {
    private static final Optional<String> NONE = Optional.empty();

    private static ProfileFile config(String text) {
        return ProfileFile.builder().content(text).type(ProfileFile.Type.CONFIGURATION).build();
    }

    private static AwsSettings.Resolved resolve(Map<String, String> env, ProfileFile file, Optional<String> endpoint,
            Optional<String> region) {
        return AwsSettings.of(env, file).resolve(endpoint, region, NONE);
    }

    @Test
    void nothingConfigured_meansLocalCofferInUsEast1() {
        AwsSettings.Resolved r = resolve(Map.of(), AwsSettings.emptyProfileFile(), NONE, NONE);
        assertThat(r.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(r.region()).isEqualTo("us-east-1");
    }

    @Test
    void endpoint_optionWins_thenServiceVariable_thenGeneralVariable_thenProfile() {
        ProfileFile file = config("[default]\nendpoint_url = http://profile:1\n");
        Map<String, String> both = Map.of("AWS_ENDPOINT_URL_KMS", "http://kms:2", "AWS_ENDPOINT_URL", "http://all:3");
        assertThat(resolve(both, file, Optional.of("http://option:4"), NONE).endpoint())
                .contains(URI.create("http://option:4"));
        assertThat(resolve(both, file, NONE, NONE).endpoint()).contains(URI.create("http://kms:2"));
        assertThat(resolve(Map.of("AWS_ENDPOINT_URL", "http://all:3"), file, NONE, NONE).endpoint())
                .contains(URI.create("http://all:3"));
        assertThat(resolve(Map.of(), file, NONE, NONE).endpoint()).contains(URI.create("http://profile:1"));
    }

    @Test
    void endpoint_fromTheProfilesServicesSection() {
        ProfileFile file = config("[profile work]\nservices = local\n[services local]\nkms =\n"
                + "  endpoint_url = http://services:5\n");
        AwsSettings.Resolved r = AwsSettings.of(Map.of("AWS_PROFILE", "work"), file).resolve(NONE, NONE, NONE);
        assertThat(r.endpoint()).contains(URI.create("http://services:5"));
    }

    @Test
    void endpoint_awsOrIgnoredConfiguration_meansAwsItself() {
        assertThat(resolve(Map.of(), AwsSettings.emptyProfileFile(), Optional.of("aws"), NONE).endpoint()).isEmpty();
        assertThat(resolve(Map.of("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", "AWS_ENDPOINT_URL", "http://x:1"),
                AwsSettings.emptyProfileFile(), NONE, NONE).endpoint()).isEmpty();
    }

    @Test
    void endpoint_thatIsNotAUrl_isAUsageError() {
        assertThatThrownBy(() -> resolve(Map.of(), AwsSettings.emptyProfileFile(), Optional.of("localhost"), NONE))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2));
    }

    @Test
    void region_optionWins_thenAwsRegion_thenDefaultRegion_thenProfile() {
        ProfileFile file = config("[default]\nregion = eu-west-3\n");
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "eu-west-2");
        assertThat(resolve(env, file, NONE, Optional.of("ap-south-1")).region()).isEqualTo("ap-south-1");
        assertThat(resolve(env, file, NONE, NONE).region()).isEqualTo("eu-west-1");
        assertThat(resolve(Map.of("AWS_DEFAULT_REGION", "eu-west-2"), file, NONE, NONE).region())
                .isEqualTo("eu-west-2");
        assertThat(resolve(Map.of(), file, NONE, NONE).region()).isEqualTo("eu-west-3");
    }

    @Test
    void credentials_fromEnvironment_orProfile_orNone() {
        AwsCredentials fromEnv = resolve(Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "s"),
                AwsSettings.emptyProfileFile(), NONE, NONE).credentials().resolveCredentials();
        assertThat(fromEnv.accessKeyId()).isEqualTo("AKIAENV");

        ProfileFile credentials = ProfileFile.builder().type(ProfileFile.Type.CREDENTIALS)
                .content("[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n").build();
        assertThat(resolve(Map.of(), credentials, NONE, NONE).credentials().resolveCredentials().accessKeyId())
                .isEqualTo("AKIAFILE");

        assertThatThrownBy(() -> resolve(Map.of(), AwsSettings.emptyProfileFile(), NONE, NONE).credentials()
                .resolveCredentials())
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(3));
    }
}
