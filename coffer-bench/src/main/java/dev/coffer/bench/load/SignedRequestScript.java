package dev.coffer.bench.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Writes a wrk Lua script that replays one SigV4-signed request, so the server can be loaded by a client
 * that spends almost no CPU of its own (the AWS SDK costs ~250 µs per request, more than the server).
 * A signed request stays valid for the 15 minutes of allowed clock skew; the server verifies its
 * signature in full on every replay, exactly as for a fresh one.
 *
 * <p>Usage: {@code SignedRequestScript ENDPOINT ACCESS_KEY SECRET_KEY OPERATION OUT.lua}, OPERATION one of
 * {@code sts-identity}, {@code s3-list-buckets}, {@code kms-encrypt}, {@code kms-decrypt},
 * {@code kms-generate-data-key}. KMS operations create a key (and for Decrypt a ciphertext) first.
 */
public final class SignedRequestScript {
    private SignedRequestScript() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: SignedRequestScript ENDPOINT ACCESS_KEY SECRET_KEY OPERATION OUT.lua");
            System.exit(2);
        }
        URI endpoint = URI.create(args[0]);
        String accessKey = args[1];
        String secretKey = args[2];
        String operation = args[3];
        Path out = Path.of(args[4]);

        Map<String, String> headers = new LinkedHashMap<>();
        String service;
        SdkHttpMethod method = SdkHttpMethod.POST;
        String path = "/";
        byte[] body;
        switch (operation) {
            case "sts-identity" -> {
                service = "sts";
                headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
                body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
            }
            case "s3-list-buckets" -> {
                service = "s3";
                method = SdkHttpMethod.GET;
                body = new byte[0];
            }
            case "kms-encrypt", "kms-decrypt", "kms-generate-data-key" -> {
                service = "kms";
                headers.put("Content-Type", "application/x-amz-json-1.1");
                String keyId = createKey(endpoint, accessKey, secretKey);
                String json = switch (operation) {
                    case "kms-encrypt" -> {
                        headers.put("X-Amz-Target", "TrentService.Encrypt");
                        yield "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\""
                                + Base64.getEncoder().encodeToString(new byte[32]) + "\"}";
                    }
                    case "kms-decrypt" -> {
                        headers.put("X-Amz-Target", "TrentService.Decrypt");
                        yield "{\"CiphertextBlob\":\"" + ciphertext(endpoint, accessKey, secretKey, keyId) + "\"}";
                    }
                    default -> {
                        headers.put("X-Amz-Target", "TrentService.GenerateDataKey");
                        yield "{\"KeyId\":\"" + keyId + "\",\"KeySpec\":\"AES_256\"}";
                    }
                };
                body = json.getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new IllegalArgumentException("unknown operation " + operation);
        }

        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(method).uri(endpoint.resolve(path));
        headers.forEach(request::putHeader);
        if (body.length > 0) {
            request.putHeader("Content-Length", Integer.toString(body.length));
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(b -> {
            b.identity(AwsCredentialsIdentity.create(accessKey, secretKey))
                    .request(request.build())
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true);
            if (body.length > 0) {
                b.payload(() -> new ByteArrayInputStream(body));
            }
        });
        StringBuilder lua = new StringBuilder();
        lua.append("-- generated by SignedRequestScript for ").append(operation).append('\n');
        lua.append("wrk.method = \"").append(method.name()).append("\"\n");
        lua.append("wrk.path = \"").append(path).append("\"\n");
        if (body.length > 0) {
            lua.append("wrk.body = ").append(luaString(new String(body, StandardCharsets.UTF_8))).append('\n');
        }
        for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("Content-Length")) {
                continue; // wrk writes its own, with the same value
            }
            lua.append("wrk.headers[").append(luaString(h.getKey())).append("] = ")
                    .append(luaString(String.join(",", h.getValue()))).append('\n');
        }
        lua.append("""
                function response(status, headers, body)
                  if status ~= 200 then
                    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\\n")
                    wrk.thread:stop()
                  end
                end
                """);
        Files.writeString(out, lua.toString());
    }

    private static KmsClient kms(URI endpoint, String accessKey, String secretKey) {
        return KmsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    private static String createKey(URI endpoint, String accessKey, String secretKey) {
        try (KmsClient kms = kms(endpoint, accessKey, secretKey)) {
            return kms.createKey(b -> b.description("load test")).keyMetadata().keyId();
        }
    }

    private static String ciphertext(URI endpoint, String accessKey, String secretKey, String keyId) {
        try (KmsClient kms = kms(endpoint, accessKey, secretKey)) {
            SdkBytes blob = kms.encrypt(b -> b.keyId(keyId).plaintext(SdkBytes.fromByteArray(new byte[32])))
                    .ciphertextBlob();
            return Base64.getEncoder().encodeToString(blob.asByteArray());
        }
    }

    private static String luaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
