package dev.coffer.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 load: PUT and GET throughput and latency for each encryption mode and object shape, then range-GET
 * latency on a small and a large object, all through the AWS SDK for Java v2's {@link S3Client} with its
 * default settings (Apache HTTP client, CRC32 request checksums, response checksum validation) against one
 * endpoint — Coffer or a peer such as s3proxy — so both are measured by the same client.
 *
 * <p>Bounded: each phase (a warm-up, then a measured run) stops at its time limit or its operation limit,
 * whichever comes first; every cell overwrites a fixed set of keys and deletes them when done, so the data
 * kept on the server is at most {@code concurrency × slots × size} at a time (plus the range objects).
 *
 * <p>Usage: {@code S3Load --endpoint URL --access-key AK --secret-key SK [options]}; options:
 * <pre>
 *   --modes default,sse-kms,...   default | sse-s3 | sse-kms | sse-kms-bucket-key | dsse-kms | sse-c
 *   --shapes 1MiB:4,1MiB:16,64MiB:2   object size : concurrency
 *   --seconds 10                  measured seconds per phase (PUT, then GET)
 *   --warmup-seconds 3            warm-up seconds before each measured phase
 *   --initial-warmup-seconds 15   PUT+GET of 1 MiB at concurrency 4 once at the start (JIT, both sides)
 *   --max-ops 100000              operation limit per phase
 *   --ranges                      also measure range GETs (creates a 1 MiB and a 1 GiB object once)
 *   --range-iterations 2000       measured range GETs per case (after as many warm-up ones / 4)
 *   --ca PEM                      trust this CA (HTTPS to a server with a local CA)
 *   --server-pid PID              report that process's CPU use (from /proc) per phase
 *   --checksums when-supported    the SDK's default: a CRC32 trailer on every PUT (aws-chunked, signed chunks
 *                                 over HTTP) and response checksums validated; {@code when-required} sends
 *                                 neither (then the SDK signs PUTs chunk by chunk without a trailer), which
 *                                 s3proxy 2.6.0 needs: it rejects signed chunks with a trailer
 * </pre>
 * Prints one Markdown table row per phase.
 */
public final class S3Load {
    static final String BUCKET = "load";

    private S3Load() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        URI endpoint = URI.create(require(o, "endpoint"));
        List<SseCase> modes = new ArrayList<>();
        for (String m : o.getOrDefault("modes", "default").split(",")) {
            modes.add(SseCase.of(m));
        }
        List<Shape> shapes = new ArrayList<>();
        for (String s : o.getOrDefault("shapes", "1MiB:4,1MiB:16,64MiB:2").split(",")) {
            shapes.add(Shape.parse(s));
        }
        Limits limits = new Limits(seconds(o, "seconds", 10), seconds(o, "warmup-seconds", 3),
                Long.parseLong(o.getOrDefault("max-ops", "100000")));
        long serverPid = Long.parseLong(o.getOrDefault("server-pid", "0"));

        String checksums = o.getOrDefault("checksums", "when-supported");
        boolean whenRequired = switch (checksums) {
            case "when-supported" -> false;
            case "when-required" -> true;
            default -> throw new IllegalArgumentException("--checksums when-supported|when-required");
        };
        System.err.println("client checksums: " + checksums);
        ApacheHttpClient.Builder http = ApacheHttpClient.builder();
        if (o.containsKey("ca")) {
            http.tlsTrustManagersProvider(LocalCa.trusting(Path.of(o.get("ca"))));
        }
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(require(o, "access-key"), require(o, "secret-key"))))
                .httpClientBuilder(http)
                .requestChecksumCalculation(whenRequired ? RequestChecksumCalculation.WHEN_REQUIRED
                        : RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(whenRequired ? ResponseChecksumValidation.WHEN_REQUIRED
                        : ResponseChecksumValidation.WHEN_SUPPORTED)
                .build()) {
            try {
                s3.createBucket(b -> b.bucket(BUCKET));
            } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
                if (e.statusCode() != 409) {
                    throw e;
                }
            }
            byte[] data = new byte[64 * 1024 * 1024];
            new Random(42).nextBytes(data);
            Cells cells = new Cells(s3, data, CpuMeter.of(serverPid), System.out);

            double initial = seconds(o, "initial-warmup-seconds", 15);
            if (initial > 0) {
                System.err.printf("initial warm-up: %.0f s%n", initial);
                cells.warmUp(modes.getFirst(), new Shape(1 << 20, 4), initial);
            }
            cells.printHeader();
            for (SseCase mode : modes) {
                for (Shape shape : shapes) {
                    cells.run(mode, shape, limits);
                }
            }
            if (o.containsKey("ranges")) {
                int iterations = Integer.parseInt(o.getOrDefault("range-iterations", "2000"));
                new RangeGets(s3, data, System.out).run(modes.getFirst(), iterations);
            }
        }
    }

    /** Object size and client concurrency of a cell, e.g. {@code 1MiB:16}. */
    record Shape(int size, int concurrency) {
        static Shape parse(String s) {
            String[] p = s.split(":");
            String size = p[0].toLowerCase(java.util.Locale.ROOT);
            int bytes;
            if (size.endsWith("mib")) {
                bytes = Integer.parseInt(size.substring(0, size.length() - 3)) << 20;
            } else if (size.endsWith("kib")) {
                bytes = Integer.parseInt(size.substring(0, size.length() - 3)) << 10;
            } else {
                bytes = Integer.parseInt(size);
            }
            if (bytes > 64 << 20) {
                throw new IllegalArgumentException("objects up to 64 MiB: " + s);
            }
            return new Shape(bytes, Integer.parseInt(p[1]));
        }

        String label() {
            return size % (1 << 20) == 0 ? (size >> 20) + " MiB" : (size >> 10) + " KiB";
        }
    }

    /** Time and count limits of a phase. */
    record Limits(double seconds, double warmupSeconds, long maxOps) {}

    private static double seconds(Map<String, String> o, String name, double fallback) {
        return o.containsKey(name) ? Double.parseDouble(o.get(name)) : fallback;
    }

    private static String require(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            System.err.println("S3Load: --" + name + " is required (see the class comment for usage)");
            System.exit(2);
        }
        return v;
    }

    private static Map<String, String> options(String[] args) throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IOException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("ranges")) {
                o.put(name, "true");
            } else if (i + 1 < args.length) {
                o.put(name, args[++i]);
            } else {
                throw new IOException("--" + name + " needs a value");
            }
        }
        return o;
    }
}
