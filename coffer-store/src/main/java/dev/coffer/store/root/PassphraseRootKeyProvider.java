package dev.coffer.store.root;

import dev.coffer.crypto.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root key derived from a passphrase with Argon2id; only the salt, the cost parameters and a check
 * value are on disk, so a stolen disk without the passphrase yields nothing.
 *
 * <p>Derivation, frozen: root key = Argon2id version 1.3 (RFC 9106) with password = the passphrase's UTF-8
 * bytes (as given, not Unicode-normalised), salt = the file's 16 random bytes, no secret, associated
 * data = ASCII {@value #ASSOCIATED_DATA}, the file's m/t/p, output 32 bytes. Check value = the first 16
 * bytes of HMAC-SHA256(key = root key, message = ASCII {@value #CHECK_MESSAGE}); it is compared in
 * constant time, and a mismatch means a wrong passphrase, refused instead of silently deriving another key.
 *
 * <p>Parameters file format, frozen: ASCII, each line ending in one LF:
 * <pre>
 *   coffer-root-passphrase v1
 *   kdf=argon2id-1.3
 *   memory-kib=65536                decimal
 *   iterations=3                    decimal
 *   parallelism=1                   decimal
 *   salt=&lt;base64, 16 bytes&gt;         RFC 4648 §4 alphabet, with padding
 *   check=&lt;base64, 16 bytes&gt;
 *   checksum=&lt;base64, 32 bytes&gt;     SHA-256 of every byte before this line
 * </pre>
 * The checksum tells a damaged file from a wrong passphrase. The file is created 0600 and refused when
 * group or others have any access.
 */
public final class PassphraseRootKeyProvider implements RootKeyProvider {
    private static final Logger log = LoggerFactory.getLogger(PassphraseRootKeyProvider.class);
    static final String ASSOCIATED_DATA = "coffer root key v1";
    static final String CHECK_MESSAGE = "coffer root key check";
    private static final String WHAT = "root passphrase parameters file";

    private final Path file;
    private final Argon2Params params;
    private final Secret key;

    private PassphraseRootKeyProvider(Path file, Argon2Params params, Secret key) {
        this.file = file;
        this.params = params;
        this.key = key;
    }

    /** Derives the key with the parameters in {@code paramsFile}, creating the file with defaults if new. */
    public static PassphraseRootKeyProvider openOrCreate(Path paramsFile, Secret passphrase, SecureRandom random) {
        return openOrCreate(paramsFile, passphrase, random, Argon2Params.DEFAULT);
    }

    /** As above; {@code forNewFile} is used only when the file does not exist yet. */
    public static PassphraseRootKeyProvider openOrCreate(Path paramsFile, Secret passphrase, SecureRandom random,
            Argon2Params forNewFile) {
        Objects.requireNonNull(paramsFile, "paramsFile");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(forNewFile, "forNewFile");
        checkPassphrase(passphrase);
        Path path = paramsFile.toAbsolutePath();
        if (!Files.exists(path)) {
            byte[] salt = new byte[PassphraseFile.SALT_BYTES];
            random.nextBytes(salt);
            Secret key = derive(passphrase, salt, forNewFile);
            boolean created;
            try {
                byte[] content = new PassphraseFile(forNewFile, salt, checkValue(key)).encode();
                created = PrivateFiles.createNew(path, content, random);
            } catch (IOException | RuntimeException e) {
                key.close();
                throw e instanceof RuntimeException re ? re
                        : new RootKeyException("cannot create " + WHAT + " " + path + ": " + e, e);
            }
            if (created) {
                log.info("set up a passphrase root key with {} in {}", forNewFile, path);
                return new PassphraseRootKeyProvider(path, forNewFile, key);
            }
            key.close(); // another process created the file first; its salt is the one that counts
        }
        return open(path, passphrase);
    }

    /** Derives the key with the parameters in an existing {@code paramsFile}; refuses a wrong passphrase. */
    public static PassphraseRootKeyProvider open(Path paramsFile, Secret passphrase) {
        Path path = Objects.requireNonNull(paramsFile, "paramsFile").toAbsolutePath();
        checkPassphrase(passphrase);
        PassphraseFile stored;
        try {
            stored = PassphraseFile.decode(path, PrivateFiles.readOwnerOnly(path, WHAT));
        } catch (NoSuchFileException e) {
            throw new RootKeyException(WHAT + " " + path + " does not exist; restore it from your backup", e);
        } catch (IOException e) {
            throw new RootKeyException("cannot read " + WHAT + " " + path + ": " + e, e);
        }
        Secret key = derive(passphrase, stored.salt(), stored.params());
        if (!MessageDigest.isEqual(checkValue(key), stored.check())) {
            key.close();
            throw new RootKeyException("the root passphrase is wrong: it does not derive the key this"
                    + " installation was set up with (the check value in " + path + " differs); supply the"
                    + " original passphrase");
        }
        return new PassphraseRootKeyProvider(path, stored.params(), key);
    }

    /** The UTF-8 bytes of {@code chars}, without passing through an immutable String. */
    public static Secret passphraseOf(char[] chars) {
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(chars));
        } catch (CharacterCodingException e) {
            throw new RootKeyException("the root passphrase is not valid Unicode (a lone surrogate)", e);
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return Secret.wrap(bytes);
    }

    private static void checkPassphrase(Secret passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        if (passphrase.length() == 0) {
            throw new RootKeyException("the root passphrase is empty; set a long random passphrase");
        }
    }

    static Secret derive(Secret passphrase, byte[] salt, Argon2Params p) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKib())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .withAdditional(ASSOCIATED_DATA.getBytes(StandardCharsets.US_ASCII))
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[KEY_BYTES];
        generator.generateBytes(passphrase.revealBytes(), out);
        return Secret.wrap(out);
    }

    static byte[] checkValue(Secret key) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key.revealBytes()));
        byte[] message = CHECK_MESSAGE.getBytes(StandardCharsets.US_ASCII);
        mac.update(message, 0, message.length);
        byte[] full = new byte[mac.getMacSize()];
        mac.doFinal(full, 0);
        mac.reset();
        byte[] check = Arrays.copyOf(full, PassphraseFile.CHECK_BYTES);
        Arrays.fill(full, (byte) 0);
        return check;
    }

    @Override
    public Secret rootKey() {
        return key.copy();
    }

    @Override
    public String description() {
        return "passphrase through " + params + ", parameters in " + file;
    }

    @Override
    public void close() {
        key.close();
    }

    @Override
    public String toString() {
        return "PassphraseRootKeyProvider[" + file + "]";
    }
}
