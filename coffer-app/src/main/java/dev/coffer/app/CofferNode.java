package dev.coffer.app;

import dev.coffer.app.tls.LocalCertificateAuthority;
import dev.coffer.app.tls.PemFiles;
import dev.coffer.app.tls.TlsMaterial;
import dev.coffer.crypto.JitWarmup;
import dev.coffer.crypto.stream.OuterGcm;
import dev.coffer.sigv4.checksum.Crc64NvmeEngine;
import dev.coffer.crypto.Secret;
import dev.coffer.iam.AccessKeys;
import dev.coffer.iam.RootCredentials;
import dev.coffer.kms.KmsScheduler;
import dev.coffer.kms.KmsService;
import dev.coffer.s3.S3Service;
import dev.coffer.server.CofferServer;
import dev.coffer.server.ServerConfig;
import dev.coffer.server.http.ApiHandler;
import dev.coffer.server.http.SigV4Authenticator;
import dev.coffer.server.kms.KmsAdapter;
import dev.coffer.server.s3.S3Adapter;
import dev.coffer.server.sts.QueryAdapter;
import dev.coffer.store.BlobStore;
import dev.coffer.store.MetadataStore;
import dev.coffer.store.StoreException;
import dev.coffer.store.fs.FileBlobStore;
import dev.coffer.store.root.FileRootKeyProvider;
import dev.coffer.store.root.PassphraseRootKeyProvider;
import dev.coffer.store.root.RootKeyException;
import dev.coffer.store.root.RootKeyProvider;
import dev.coffer.store.sql.SqliteMetadataStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running Coffer: a data directory, its root key, metadata and blob stores, and the server on top.
 * {@code coffer server} runs one; end-to-end tests start them in-process on random loopback ports.
 *
 * <p>Data directory layout: {@code root.key} or {@code root-key.params} (the root of trust),
 * {@code metadata.db} (SQLite), {@code blobs/} (encrypted object data), {@code tls/} (the local CA).
 */
public final class CofferNode implements AutoCloseable {
    private static final String METADATA_FILE = "metadata.db";
    private final RootKeyProvider rootKey;
    private final MetadataStore metadata;
    private final BlobStore blobs;
    private final CofferServer server;
    private final RootCredentials rootCredentials;
    private final Optional<Path> caCertificate;
    private final NodeOptions options;
    private final KmsService kms;
    private final KmsScheduler kmsScheduler;
    private final S3Service s3;
    /** How often due key rotations and deletions run; deletion dates are exact to this period. */
    private static final Duration KMS_SCHEDULER_PERIOD = Duration.ofMinutes(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private CofferNode(NodeOptions options, RootKeyProvider rootKey, MetadataStore metadata, BlobStore blobs,
            CofferServer server, RootCredentials rootCredentials, Optional<Path> caCertificate, KmsService kms,
            KmsScheduler kmsScheduler, S3Service s3) {
        this.s3 = s3;
        this.kms = kms;
        this.kmsScheduler = kmsScheduler;
        this.options = options;
        this.rootKey = rootKey;
        this.metadata = metadata;
        this.blobs = blobs;
        this.server = server;
        this.rootCredentials = rootCredentials;
        this.caCertificate = caCertificate;
    }

    public static CofferNode start(NodeOptions options, InstantSource clock, SecureRandom random)
            throws StartupException {
        Path dataDir = options.dataDir.toAbsolutePath().normalize();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            createDataDir(dataDir);
            RootKeyProvider rootKey = openRootKey(options, dataDir, random);
            opened.add(rootKey);
            createPrivateFile(dataDir.resolve(METADATA_FILE));
            MetadataStore metadata = SqliteMetadataStore.open(dataDir.resolve(METADATA_FILE), clock);
            opened.add(metadata);
            BlobStore blobs = FileBlobStore.open(dataDir.resolve("blobs"), random);
            blobs.sweepTempFiles();

            AccessKeys accessKeys = new AccessKeys(metadata, rootKey.rootKey(), random, clock);
            RootCredentials root = accessKeys.ensureRoot(options.rootAccessKeyId, options.rootSecretAccessKey);
            KmsService kms = new KmsService(metadata, rootKey.rootKey(), options.region, clock, random);
            S3Service s3 = new S3Service(metadata, blobs, rootKey.rootKey(), kms, options.region, clock, random,
                    new S3Service.Options(options.allowSseCOverHttp, options.blockSseCOnNewBuckets));
            // Nothing writes yet: every blob no row points to is what an interrupted write left.
            s3.sweepOrphanBlobs();
            // Until C2 compiles the callers, AES-GCM runs at ~85 MB/s: warm the crypto paths while we start.
            JitWarmup.start();
            // The native CRC-64/NVME and the DSSE outer layer's AES-GCM each take 0.3-0.5 s to unpack and link:
            // not on the first PUT's time.
            Thread.ofPlatform().daemon().name("coffer-native-load").start(() -> {
                Crc64NvmeEngine.load();
                OuterGcm.preferred();
            });
            KmsScheduler kmsScheduler = kms.scheduler().start(KMS_SCHEDULER_PERIOD);
            opened.add(kmsScheduler);

            Optional<TlsMaterial> tls = options.https.isPresent()
                    ? Optional.of(tlsMaterial(options, dataDir, random, clock)) : Optional.empty();
            ServerConfig config = new ServerConfig(options.http.map(CofferNode::resolved),
                    options.https.map(CofferNode::resolved), tls.map(TlsMaterial::identity), options.region,
                    options.virtualHostDomains, options.allowSseCOverHttp);
            ApiHandler handler = new ApiHandler(new SigV4Authenticator(accessKeys, options.region, clock),
                    List.of(new S3Adapter(s3, options.virtualHostDomains), new KmsAdapter(kms), QueryAdapter.sts(),
                            QueryAdapter.iam()), clock);
            CofferServer server = new CofferServer(config, handler);
            try {
                server.start();
            } catch (IOException e) {
                throw new StartupException("cannot listen: " + e.getMessage()
                        + " (is another server on that port? choose one with --listen / --tls-listen)", e);
            }
            return new CofferNode(options, rootKey, metadata, blobs, server, root,
                    tls.flatMap(TlsMaterial::caCertificate), kms, kmsScheduler, s3);
        } catch (StartupException e) {
            closeQuietly(opened);
            throw e;
        } catch (RootKeyException | StoreException | IllegalArgumentException e) {
            closeQuietly(opened);
            throw new StartupException(e.getMessage(), e);
        } catch (Exception e) {
            closeQuietly(opened);
            throw new StartupException("cannot start: " + e, e);
        }
    }

    private static void createDataDir(Path dataDir) throws StartupException {
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir.getParent());
                Files.createDirectory(dataDir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new StartupException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the empty database file readable by its owner only before SQLite opens it: SQLite gives its
     * -wal and -shm files the same mode, and the database holds sealed secrets and object metadata.
     */
    private static void createPrivateFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
    }

    /**
     * Opens the root key. A data directory that already holds metadata must already hold its root key
     * (or passphrase parameters): generating a new one would silently make every sealed secret unreadable.
     */
    private static RootKeyProvider openRootKey(NodeOptions options, Path dataDir, SecureRandom random)
            throws IOException {
        Path metadata = dataDir.resolve(METADATA_FILE);
        boolean existing = Files.exists(metadata) && Files.size(metadata) > 0;
        return switch (options.rootKeyKind) {
            case FILE -> {
                Path file = dataDir.resolve("root.key");
                yield existing ? FileRootKeyProvider.open(file) : FileRootKeyProvider.openOrCreate(file, random);
            }
            case PASSPHRASE -> {
                Path file = dataDir.resolve("root-key.params");
                try (Secret passphrase = PassphraseRootKeyProvider.passphraseOf(options.passphrase.orElseThrow())) {
                    yield existing ? PassphraseRootKeyProvider.open(file, passphrase)
                            : PassphraseRootKeyProvider.openOrCreate(file, passphrase, random);
                }
            }
        };
    }

    private static TlsMaterial tlsMaterial(NodeOptions options, Path dataDir, SecureRandom random, InstantSource clock)
            throws StartupException {
        try {
            if (options.tlsCert.isPresent()) {
                return PemFiles.load(options.tlsCert.get(), options.tlsKey.orElseThrow(), null, random);
            }
            return LocalCertificateAuthority.loadOrCreate(dataDir.resolve("tls"), random, clock);
        } catch (IOException e) {
            throw new StartupException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static InetSocketAddress resolved(InetSocketAddress a) {
        return a.isUnresolved() ? new InetSocketAddress(a.getHostString(), a.getPort()) : a;
    }

    private static void closeQuietly(List<AutoCloseable> opened) {
        for (AutoCloseable c : opened.reversed()) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failing; the original error is the one to report
            }
        }
    }

    public Optional<URI> httpUri() {
        return server.httpUri();
    }

    public Optional<URI> httpsUri() {
        return server.httpsUri();
    }

    public RootCredentials rootCredentials() {
        return rootCredentials;
    }

    public Optional<Path> caCertificate() {
        return caCertificate;
    }

    public String rootKeyDescription() {
        return rootKey.description();
    }

    public String region() {
        return options.region;
    }

    public Path dataDir() {
        return options.dataDir.toAbsolutePath().normalize();
    }

    /** The KMS domain, for tests that drive the scheduler ({@code kms().scheduler()}). */
    public KmsService kms() {
        return kms;
    }

    /** Runs due KMS rotations and deletions now (tests call it after moving the clock). */
    public KmsScheduler.Pass runKmsScheduler() {
        return kmsScheduler.runDue();
    }

    /** The S3 domain, for tests that count its KMS calls ({@code s3().kmsCallCount()}). */
    public S3Service s3() {
        return s3;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** Stops the server gracefully, then closes the stores and forgets the root key. Idempotent. */
    @Override
    public void close() throws Exception {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } finally {
            kmsScheduler.close();
            metadata.close();
            rootKey.close();
        }
    }
}
