package dev.coffer.store.root;

/**
 * Argon2id cost parameters (version 1.3). New installations use {@link #DEFAULT}; an existing one keeps
 * the parameters recorded in its file, so the default can be raised without locking anyone out.
 *
 * @param memoryKib   memory in KiB (Argon2's m)
 * @param iterations  passes over the memory (t)
 * @param parallelism lanes (p)
 */
public record Argon2Params(int memoryKib, int iterations, int parallelism) {

    /**
     * 64 MiB, 3 passes, 1 lane (RFC 9106's second recommended option, with one lane because BouncyCastle
     * computes lanes on one thread). Measured on the 2-core build machine, JDK 25, BouncyCastle 1.87:
     * about 460 ms for the first derivation in a fresh JVM and 160–230 ms once warm; it runs once per
     * start, and makes each passphrase guess cost the same.
     */
    public static final Argon2Params DEFAULT = new Argon2Params(64 * 1024, 3, 1);

    /** 4 GiB: a larger value in a file is damage or tampering, and would exhaust the heap. */
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    static final int MAX_ITERATIONS = 100;
    static final int MAX_PARALLELISM = 16;

    public Argon2Params {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2 parallelism must be 1.." + MAX_PARALLELISM + ": " + parallelism);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2 iterations must be 1.." + MAX_ITERATIONS + ": " + iterations);
        }
        if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 memory must be " + 8 * parallelism + ".." + MAX_MEMORY_KIB
                    + " KiB: " + memoryKib);
        }
    }

    @Override
    public String toString() {
        return "Argon2id(m=" + memoryKib + " KiB, t=" + iterations + ", p=" + parallelism + ")";
    }
}
